import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { plainDecimal } from '../../transport/decimal';
import { TwoCaptchaApiError, statusOf } from '../../transport/errors';
import { runPerItem } from '../perItem';
import { lazyResApi, type ResApi } from '../../shared/resApi';
import type { OperationHandler } from '../types';
import { captchaIdParameter, readCaptchaId, readParseAs } from './fields';
import { toSolution } from '../../shared/solution';

/**
 * One captcha's result via `action=get` (answer and extras such as userAgent) or `action=get2` (plus its
 * price). Not ready yet is an output, `{captchaId, ready: false}`, not an error; any other status throws (one the
 * catalogue does not list as `unknown`, with its raw text); a price that is not a plain decimal is a protocol error.
 */
export async function fetchResult(
	api: ResApi,
	captchaId: string,
	action: 'get' | 'get2',
	parseAs: string,
	signal?: AbortSignal,
): Promise<IDataObject> {
	const response = await api.call({ action, id: captchaId }, signal);
	const status = statusOf(response);
	if (status?.category === 'notReady') return { captchaId, ready: false };
	if (status) throw new TwoCaptchaApiError(status, captchaId);
	const { price, ...extra } = response.extra;
	const priced = action === 'get2' ? { price: plainDecimal(price, 'price', captchaId) } : {};
	return answerJson({ request: response.request, extra }, parseAs, { captchaId, ready: true, ...priced });
}

/**
 * The node's fields `own` (captchaId, ready, status, price ...), `solution` (parsed), the answer's extras, and
 * `rawAnswer` exactly as received. The node's fields are written first (their order) and again last, so an extra
 * the server sends under one of their names (`captchaId`, `ready`, `solution` ...) never replaces them.
 */
export function answerJson(
	answer: { request: unknown; extra: Record<string, unknown> },
	parseAs: string,
	own: IDataObject,
): IDataObject {
	const { solution, extras } = toSolution(answer, parseAs);
	const fields = { ...own, solution, rawAnswer: answer.request } as IDataObject;
	return { ...fields, ...extras, ...fields } as IDataObject;
}

/** The handler of Get Result (`get`) and Get Result with Price (`get2`): one captcha per item. */
export function resultHandler(action: 'get' | 'get2'): OperationHandler {
	return async function execute(this: IExecuteFunctions, items: INodeExecutionData[]) {
		const api = lazyResApi(this);
		return await runPerItem(
			this,
			items,
			async (itemIndex, signal) => {
				const captchaId = readCaptchaId(this, itemIndex);
				const parseAs = readParseAs(this, itemIndex);
				return await fetchResult(api, captchaId, action, parseAs, signal);
			},
			{ captchaIdOf: captchaIdParameter(this) },
		);
	};
}
