import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { NOT_READY, ensureOk } from '../../transport/errors';
import type { ApiResponse } from '../../transport/types';
import { runPerItem } from '../perItem';
import { lazyResApi, type ResApi } from '../../shared/resApi';
import type { OperationHandler } from '../types';
import { captchaIdParameter, readCaptchaId, readParseAs } from './fields';
import { toSolution } from '../../shared/solution';

export { NOT_READY };

export function isNotReady(response: ApiResponse): boolean {
	return response.status === 0 && response.request === NOT_READY;
}

/**
 * One captcha's result via `action=get` (answer and extras such as userAgent) or `action=get2` (plus its
 * price). Not ready yet is an output, `{captchaId, ready: false}`, not an error; error codes throw.
 */
export async function fetchResult(
	api: ResApi,
	captchaId: string,
	action: 'get' | 'get2',
	parseAs: string,
	signal?: AbortSignal,
): Promise<IDataObject> {
	const response = await api.call({ action, id: captchaId }, signal);
	if (isNotReady(response)) return { captchaId, ready: false };
	ensureOk(response, captchaId);
	const { price, ...extra } = response.extra;
	return {
		captchaId,
		ready: true,
		...answerJson({ request: response.request, extra }, parseAs),
		...(action === 'get2' ? { price: price === undefined ? null : Number(price) } : {}),
	};
}

/** `solution` (parsed), its extras, and `rawAnswer` exactly as received. */
export function answerJson(answer: { request: unknown; extra: Record<string, unknown> }, parseAs: string): IDataObject {
	const { solution, extras } = toSolution(answer, parseAs);
	return { solution, ...extras, rawAnswer: answer.request } as IDataObject;
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
