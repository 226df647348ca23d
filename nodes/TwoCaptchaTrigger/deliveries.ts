import { createHash } from 'node:crypto';

import type { IDataObject } from 'n8n-workflow';

import { claimOnce } from '../TwoCaptcha/engine/sharedLimiter';

/** How many delivered captcha IDs the trigger remembers (in the workflow's static data), oldest forgotten first. */
const REMEMBERED_IDS = 1000;
/** How long a delivery's claim in Redis (queue mode) lasts; the static data remembers longer. */
const CLAIM_TTL_MS = 24 * 3600_000;

/**
 * True the first time a captcha ID is delivered, false for a replay. 2Captcha retries a pingback whose answer
 * it did not get, and anyone who saw the URL could resend one: either way the captcha was already handled, so
 * a replay is acknowledged without starting another execution. n8n saves static data after every webhook call.
 */
export async function isFirstDelivery(staticData: IDataObject, captchaId: string, scope: string): Promise<boolean> {
	const delivered = Array.isArray(staticData.deliveredIds) ? (staticData.deliveredIds as string[]) : [];
	if (delivered.includes(captchaId)) return false;
	// Deliveries arriving together each load the static data before any of them saves it (and in queue mode at
	// different webhook processors): a claim in n8n's queue-mode Redis lets only the first through.
	const name = createHash('sha256').update(`${scope}\n${captchaId}`).digest('hex');
	if (!(await claimOnce(name, CLAIM_TTL_MS))) return false;
	staticData.deliveredIds = [...delivered, captchaId].slice(-REMEMBERED_IDS);
	return true;
}
