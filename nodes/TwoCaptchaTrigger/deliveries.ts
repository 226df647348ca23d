import type { IDataObject } from 'n8n-workflow';

import { canonicalCaptchaId } from '../TwoCaptcha/transport/captchaId';

/** How many delivered captcha IDs the trigger remembers (in the workflow's static data), oldest forgotten first. */
const REMEMBERED_IDS = 1000;

/**
 * True the first time a captcha ID is delivered, false for a replay. 2Captcha retries a pingback whose answer
 * it did not get, and anyone who saw the URL could resend one: either way the captcha was already handled, so
 * a replay is acknowledged without starting another execution. n8n saves static data after every webhook call.
 * IDs are compared in their canonical spelling ("0123", " 123", "+123" are "123"), including IDs remembered
 * before canonical spellings were stored.
 */
export function isFirstDelivery(staticData: IDataObject, captchaId: string): boolean {
	const id = canonicalCaptchaId(captchaId) ?? captchaId;
	const remembered = Array.isArray(staticData.deliveredIds) ? (staticData.deliveredIds as unknown[]) : [];
	const delivered = remembered.map((seen) => canonicalCaptchaId(seen) ?? String(seen));
	if (delivered.includes(id)) return false;
	staticData.deliveredIds = [...delivered, id].slice(-REMEMBERED_IDS);
	return true;
}
