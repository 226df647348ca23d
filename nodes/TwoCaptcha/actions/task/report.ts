import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { ensureOk } from '../../transport/errors';
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
 * `{captchaId, reported, alreadyReported?, message}`. A repeated report (ERROR_DUPLICATE_REPORT) counts as
 * reported; a refused one (ERROR_REPORT_NOT_RECORDED) is `reported: false` with the reason, not an error.
 */
export async function sendReport(
	api: ResApi,
	captchaId: string,
	action: ReportAction,
	signal?: AbortSignal,
): Promise<IDataObject> {
	const response = await api.call({ action, id: captchaId }, signal);
	switch (response.request) {
		case 'ERROR_DUPLICATE_REPORT':
			return {
				captchaId,
				reported: true,
				alreadyReported: true,
				message: 'This captcha had already been reported (ERROR_DUPLICATE_REPORT); 2Captcha keeps one report per captcha',
			};
		case 'ERROR_REPORT_NOT_RECORDED':
			return { captchaId, reported: false, message: NOT_RECORDED };
	}
	ensureOk(response, captchaId);
	const verdict = action === 'reportgood' ? 'correct' : 'incorrect';
	return { captchaId, reported: true, message: `Reported as ${verdict} (${String(response.request)})` };
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
