/**
 * What res.php says about one captcha: ready (with its answer), not ready, or failed with a per-captcha code. For
 * both nodes' readers of answers by id: Task → Get Results and Wait for Pingback.
 */
import { TwoCaptchaApiError, classifyStatus, isCaptchaStatus, statusOf } from '../transport/errors';
import type { RawAnswer } from '../transport/types';
import type { ResApi } from './resApi';

/** The reference sets no limit on `ids`; chunks keep answers small and confine an ambiguity to its chunk. */
export const MAX_IDS_PER_REQUEST = 100;

export type IdOutcome =
	| { status: 'ready'; answer: RawAnswer }
	| { status: 'notReady' }
	| { status: 'failed'; code: string; description: string };

/** One captcha with `action=get&id=`: ready (with extras), not ready, or failed; account-level codes throw. */
export async function singleOutcome(api: ResApi, captchaId: string, signal?: AbortSignal): Promise<IdOutcome> {
	const response = await api.call({ action: 'get', id: captchaId }, signal);
	const status = statusOf(response);
	if (!status) return { status: 'ready', answer: { request: response.request, extra: response.extra } };
	if (status.category === 'notReady') return { status: 'notReady' };
	if (!isCaptchaStatus(status)) throw new TwoCaptchaApiError(status, captchaId);
	return { status: 'failed', code: status.code, description: status.description };
}

export function failedOutcome(code: string): IdOutcome {
	const { description } = classifyStatus(code);
	return { status: 'failed', code, description };
}
