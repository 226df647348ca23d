import type { IDataObject } from 'n8n-workflow';

/** How many delivered captcha IDs the trigger remembers (in the workflow's static data), oldest forgotten first. */
const REMEMBERED_IDS = 1000;

/**
 * True the first time a captcha ID is delivered, false for a replay. 2Captcha retries a pingback whose answer
 * it did not get, and anyone who saw the URL could resend one: either way the captcha was already handled, so
 * a replay is acknowledged without starting another execution. n8n saves static data after every webhook call.
 */
export function isFirstDelivery(staticData: IDataObject, captchaId: string): boolean {
	const delivered = Array.isArray(staticData.deliveredIds) ? (staticData.deliveredIds as string[]) : [];
	if (delivered.includes(captchaId)) return false;
	staticData.deliveredIds = [...delivered, captchaId].slice(-REMEMBERED_IDS);
	return true;
}
