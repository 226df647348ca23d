import type { IDataObject } from 'n8n-workflow';

import type { CaptchaMethod, RawAnswer } from '../../catalogue/types';
import { errorToJson } from '../../transport/nodeErrors';

/** The output of a solved captcha, the same in Wait for Result and Wait for Pingback; the parser may throw. */
export function solvedJson(method: CaptchaMethod, captchaId: string | undefined, answer: RawAnswer, includeRawAnswer?: boolean): IDataObject {
	const parsed = method.parse(answer);
	const json: IDataObject = { captchaId, method: method.value, solution: parsed.solution as IDataObject };
	Object.assign(json, parsed.extras);
	if (includeRawAnswer) json.rawAnswer = answer.request as IDataObject;
	return json;
}

/** The output of a failed item under Continue On Fail: the error, its captcha ID and the method. */
export function failedJson(scope: object, method: CaptchaMethod | undefined, error: unknown, captchaId?: string, extra?: IDataObject): IDataObject {
	return { ...errorToJson(scope, error, captchaId), method: method?.value, ...extra } as IDataObject;
}
