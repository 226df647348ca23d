import type { IDataObject } from 'n8n-workflow';

import { toSolution } from '../TwoCaptcha/shared/solution';
import { canonicalCaptchaId } from '../TwoCaptcha/transport/captchaId';
import { classifyStatus, isStatusText } from '../TwoCaptcha/transport/errors';

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
	// The status rule of every answer reader: a status (a code the catalogue does not list too) is never a solution.
	if (isStatusText(body.code)) {
		const status = classifyStatus(body.code);
		return { ...base, solved: false, error: status.code, errorDescription: status.description };
	}
	try {
		const { solution, extras } = toSolution({ request: body.code, extra: {} }, parseAs);
		return { ...base, solved: true, solution, ...extras } as IDataObject;
	} catch (error) {
		return { ...base, solved: true, solution: body.code, parseError: (error as Error).message };
	}
}
