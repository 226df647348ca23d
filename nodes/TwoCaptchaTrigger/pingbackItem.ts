import type { IDataObject } from 'n8n-workflow';

import { toSolution } from '../TwoCaptcha/shared/solution';
import { canonicalCaptchaId } from '../TwoCaptcha/transport/captchaId';
import { classifyCode } from '../TwoCaptcha/transport/errors';

/** What 2Captcha POSTs: `id=<captcha ID>&code=<answer>` (urlencoded). */
export interface PingbackBody {
	id?: unknown;
	code?: unknown;
}

/** Answers are at most a few kB (tokens, JSON with cookies); a bigger code is not a pingback. */
export const MAX_CODE_CHARS = 65_536;

/** Checks the body; returns the reason when it is not a pingback, and whether it is merely too large. */
export function pingbackProblem(body: PingbackBody): { reason: string; tooLarge?: boolean } | undefined {
	if (typeof body.id !== 'string' || canonicalCaptchaId(body.id) === undefined) return { reason: 'id is missing or not a captcha ID' };
	if (typeof body.code !== 'string') return { reason: 'code is missing' };
	if (body.code.length > MAX_CODE_CHARS) return { reason: `code is longer than ${MAX_CODE_CHARS} characters`, tooLarge: true };
	return undefined;
}

/**
 * `{captchaId, reference?, code, solved, solution, receivedAt}`: `reference` as the Submit Only node put it in the
 * pingback URL (see shared/reference.ts), `code` exactly as received, `solution` parsed by
 * "Parse As" (Auto: JSON and click answers). An error code instead of an answer (ERROR_CAPTCHA_UNSOLVABLE)
 * gives `solved: false` and the code's description; an answer the chosen type cannot read keeps `solution`
 * as the raw code and says why in `parseError`, so a pingback is never lost.
 */
export function pingbackItem(
	body: { id: string; code: string },
	parseAs: string,
	receivedAt: Date,
	reference?: string,
): IDataObject {
	const base = {
		captchaId: canonicalCaptchaId(body.id) ?? body.id.trim(),
		...(reference === undefined ? {} : { reference }),
		code: body.code,
		receivedAt: receivedAt.toISOString(),
	};
	const classified = classifyCode(body.code);
	if (classified.category !== 'unknown') {
		return { ...base, solved: false, error: classified.code, errorDescription: classified.description };
	}
	try {
		const { solution, extras } = toSolution({ request: body.code, extra: {} }, parseAs);
		return { ...base, solved: true, solution, ...extras } as IDataObject;
	} catch (error) {
		return { ...base, solved: true, solution: body.code, parseError: (error as Error).message };
	}
}
