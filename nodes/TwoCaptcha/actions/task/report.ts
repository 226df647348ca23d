import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { ensureOk, OK_REPORT_RECORDED, ProtocolError, statusOf } from '../../transport/errors';
import { excerpt } from '../../transport/redact';
import { runPerItem } from '../perItem';
import { lazyResApi, type ResApi } from '../../shared/resApi';
import type { OperationHandler } from '../types';
import { captchaIdParameter, readCaptchaId } from './fields';

export type ReportAction = 'reportgood' | 'reportbad';

const NOT_RECORDED =
	'2Captcha did not record the report (ERROR_REPORT_NOT_RECORDED): reports are refused for captchas ' +
	'submitted more than 15 minutes ago, and for accounts that complained about many correctly solved ' +
	'captchas (over 40%). Report only answers the target site really rejected, soon after solving.';

/**
 * `{captchaId, reported, alreadyReported?, message}`. Only OK_REPORT_RECORDED is a recorded report. A repeated
 * report (ERROR_DUPLICATE_REPORT) counts as reported; a refused one (ERROR_REPORT_NOT_RECORDED) is
 * `reported: false` with the reason, not an error; any other status throws, and any other answer is a
 * ProtocolError quoting it (redacted).
 */
export async function sendReport(
	api: ResApi,
	captchaId: string,
	action: ReportAction,
	signal?: AbortSignal,
): Promise<IDataObject> {
	const response = await api.call({ action, id: captchaId }, signal);
	// The catalogue's code, in any spelling the status rule accepts (ERR_…, surrounding spaces).
	const status = statusOf(response);
	if (status?.listed === 'ERROR_DUPLICATE_REPORT') {
		return {
			captchaId,
			reported: true,
			alreadyReported: true,
			message: 'This captcha had already been reported (ERROR_DUPLICATE_REPORT); 2Captcha keeps one report per captcha',
		};
	}
	if (status?.listed === 'ERROR_REPORT_NOT_RECORDED') return { captchaId, reported: false, message: NOT_RECORDED };
	ensureOk(response, captchaId, OK_REPORT_RECORDED);
	if (!status) {
		throw new ProtocolError(
			`2Captcha answered the report with ${excerpt(response.request, api.secrets)} instead of ${OK_REPORT_RECORDED}`,
			captchaId,
		);
	}
	const verdict = action === 'reportgood' ? 'correct' : 'incorrect';
	return { captchaId, reported: true, message: `Reported as ${verdict} (${OK_REPORT_RECORDED})` };
}

/** The handler of Report Good and Report Bad: one captcha per item. */
export function reportHandler(action: ReportAction): OperationHandler {
	return async function execute(this: IExecuteFunctions, items: INodeExecutionData[]) {
		const api = lazyResApi(this);
		return await runPerItem(
			this,
			items,
			async (itemIndex, signal) => await sendReport(api, readCaptchaId(this, itemIndex), action, signal),
			{ captchaIdOf: captchaIdParameter(this) },
		);
	};
}
