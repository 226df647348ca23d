import { canonicalCaptchaId } from '../transport/captchaId';

/** What 2Captcha POSTs: `id=<captcha ID>&code=<answer>` (urlencoded; JSON bodies are read the same way). */
export interface PingbackBody {
	id?: unknown;
	code?: unknown;
}

/** Answers are at most a few kB (tokens, JSON with cookies); a bigger code is not a pingback. */
export const MAX_CODE_CHARS = 65_536;

export type PingbackReading =
	| { pingback: { id: string; code: string }; problem?: undefined }
	| { problem: { reason: string; tooLarge?: boolean }; pingback?: undefined };

/**
 * The one reader of a pingback body, for the trigger and Wait for Pingback's doorbell: the id in its canonical
 * spelling (a JSON number is the id its digits spell; one too large to be exact is refused), the code as sent.
 */
export function readPingback(body: PingbackBody): PingbackReading {
	const { id: rawId, code } = body;
	if (typeof rawId === 'number' && !Number.isSafeInteger(rawId)) {
		return { problem: { reason: 'id is a number too large to be exact: send it as text' } };
	}
	const id = typeof rawId === 'string' || typeof rawId === 'number' ? canonicalCaptchaId(rawId) : undefined;
	if (id === undefined) return { problem: { reason: 'id is missing or not a captcha ID' } };
	if (typeof code !== 'string') return { problem: { reason: 'code is missing' } };
	if (code.length > MAX_CODE_CHARS) return { problem: { reason: `code is longer than ${MAX_CODE_CHARS} characters`, tooLarge: true } };
	return { pingback: { id, code } };
}
