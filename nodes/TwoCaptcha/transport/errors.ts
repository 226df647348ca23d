import { ERROR_CODES, type ErrorCategory, type ErrorCodeSpec } from './errorCatalogue';
import type { ApiResponse } from './types';

export { ERROR_CODES };

/** res.php's answer while a captcha is being solved (the API's own spelling). */
export const NOT_READY = 'CAPCHA_NOT_READY';
export type { ErrorCategory, ErrorCodeSpec, SpecTable } from './errorCatalogue';

export interface CodeClassification {
	code: string;
	category: ErrorCategory;
	description: string;
	advice: string;
	retryAfterMs?: number;
	blockMs?: number;
}

const BY_CODE = new Map(ERROR_CODES.map((spec) => [spec.code, spec]));

const UNKNOWN_ADVICE =
	'This code is not in the 2Captcha API reference. Check the 2Captcha documentation or contact its support.';

/** The server writes request-limit codes as `ERROR: 1001`; accept `ERROR:1001` and `ERROR 1001` too. */
function normalizeCode(code: string): string {
	const trimmed = code.trim();
	const numeric = /^ERROR\s*:?\s*(\d+)$/i.exec(trimmed);
	return numeric ? `ERROR: ${numeric[1]}` : trimmed;
}

/** Looks a code up in the catalogue; a code it does not list is `unknown` and keeps its raw text. */
export function classifyCode(code: string, serverText?: string): CodeClassification {
	const spec: ErrorCodeSpec | undefined = BY_CODE.get(normalizeCode(code));
	if (!spec) {
		const raw = code.trim() || '(empty code)';
		return { code: raw, category: 'unknown', description: serverText || raw, advice: UNKNOWN_ADVICE };
	}
	const { code: known, category, description, advice, retryAfterMs, blockMs } = spec;
	return { code: known, category, description, advice, retryAfterMs, blockMs };
}

/** An error code answered by the 2Captcha API. */
export class TwoCaptchaApiError extends Error {
	readonly code: string;
	readonly category: ErrorCategory;
	readonly description: string;
	readonly advice: string;
	readonly retryAfterMs?: number;
	readonly blockMs?: number;
	readonly captchaId?: string;

	constructor(classification: CodeClassification, captchaId?: string) {
		super(`${classification.code}: ${classification.description}`);
		this.name = 'TwoCaptchaApiError';
		this.code = classification.code;
		this.category = classification.category;
		this.description = classification.description;
		this.advice = classification.advice;
		this.retryAfterMs = classification.retryAfterMs;
		this.blockMs = classification.blockMs;
		this.captchaId = captchaId;
	}

	static fromCode(code: string, captchaId?: string, serverText?: string): TwoCaptchaApiError {
		return new TwoCaptchaApiError(classifyCode(code, serverText), captchaId);
	}
}

/** Anything that is not a 2Captcha answer: HTML error page, empty body, reset, timeout. Retrying may help. */
export class TransportError extends Error {
	readonly category = 'transient' as const;
	/** HTTP status, when a response arrived. */
	readonly httpStatus?: number;
	/** Short redacted excerpt of the body, when one arrived. */
	readonly excerpt?: string;

	constructor(message: string, details: { httpStatus?: number; excerpt?: string } = {}) {
		super(message);
		this.name = 'TransportError';
		this.httpStatus = details.httpStatus;
		this.excerpt = details.excerpt;
	}
}

/** Returns an OK answer unchanged; throws TwoCaptchaApiError for an error code or CAPCHA_NOT_READY. */
export function ensureOk(response: ApiResponse, captchaId?: string): ApiResponse {
	if (response.status === 1) return response;
	const serverText = typeof response.extra.error_text === 'string' ? response.extra.error_text : undefined;
	throw TwoCaptchaApiError.fromCode(String(response.request ?? ''), captchaId, serverText);
}

/**
 * A 2Captcha answer that breaks the protocol: an in.php id that is empty, malformed or already pending, a multi-id
 * answer that does not match the ids asked. Never retried blindly: a submission that got one may have been paid.
 */
export class ProtocolError extends Error {
	readonly code = 'PROTOCOL_ERROR';

	constructor(
		message: string,
		readonly captchaId?: string,
	) {
		super(message);
		this.name = 'ProtocolError';
	}
}
