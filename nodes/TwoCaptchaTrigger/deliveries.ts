import { createHash } from 'node:crypto';

import type { IDataObject } from 'n8n-workflow';

import { claimOnce } from '../TwoCaptcha/shared/claims';
import { canonicalCaptchaId } from '../TwoCaptcha/transport/captchaId';

/** How many delivered captcha IDs the trigger remembers (in the workflow's static data), oldest forgotten first. */
const REMEMBERED_IDS = 1000;
/** How long a delivery's claim in Redis (queue mode) lasts; the static data remembers longer. */
const CLAIM_TTL_MS = 24 * 3600_000;

/**
 * True the first time a captcha ID is delivered, false for a replay. 2Captcha retries a pingback whose answer
 * it did not get, and anyone who saw the URL could resend one: either way the captcha was already handled, so
 * a replay is acknowledged without starting another execution. n8n saves static data after every webhook call.
 * IDs are compared in their canonical spelling ("0123", " 123", "+123" are "123"), including IDs remembered
 * before canonical spellings were stored.
 */
export async function isFirstDelivery(staticData: IDataObject, captchaId: string, scope: string): Promise<boolean> {
	const id = canonicalCaptchaId(captchaId) ?? captchaId;
	const remembered = Array.isArray(staticData.deliveredIds) ? (staticData.deliveredIds as unknown[]) : [];
	const delivered = remembered.map((seen) => canonicalCaptchaId(seen) ?? String(seen));
	if (delivered.includes(id)) return false;
	// Deliveries arriving together each load the static data before any of them saves it (and in queue mode at
	// different webhook processors): a claim in n8n's queue-mode Redis lets only the first through.
	const name = createHash('sha256').update(`${scope}\n${id}`).digest('hex');
	if (!(await claimOnce(name, CLAIM_TTL_MS))) return false;
	staticData.deliveredIds = [...delivered, id].slice(-REMEMBERED_IDS);
	return true;
}
