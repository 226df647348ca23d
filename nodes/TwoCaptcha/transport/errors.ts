import { ERROR_CODES, type ErrorCategory, type ErrorCodeSpec } from './errorCatalogue';
import { excerpt, textOf } from './redact';
import type { ApiResponse } from './types';

export { ERROR_CODES };

/** res.php's answer while a captcha is being solved (the API's own spelling). */
export const NOT_READY = 'CAPCHA_NOT_READY';
export type { ErrorCategory, ErrorCodeSpec, SpecTable } from './errorCatalogue';

export interface CodeClassification {
	/** The code as 2Captcha sent it (trimmed; `ERROR: n` normalised). */
	code: string;
	/** The error catalogue's code this status is, whatever spelling came (`ERR_X` is ERROR_X); absent when unlisted. */
	listed?: string;
	category: ErrorCategory;
	description: string;
	advice: string;
	retryAfterMs?: number;
	blockMs?: number;
}

const BY_CODE = new Map(ERROR_CODES.map((spec) => [spec.code, spec]));

const UNKNOWN_ADVICE =
	'This code is not in the 2Captcha API reference. Check the 2Captcha documentation or contact its support.';

/**
 * The separator of `ERROR: n` (also `ERROR:n`, `ERROR n`). Written so that no two quantifiers can share the same
 * whitespace (`\s*:?\s*` could, which is quadratic on "ERROR" + many spaces): linear on any text.
 */
const NUMERIC_SEPARATOR = String.raw`(?:\s*:)?\s*`;
const NUMERIC_CODE = new RegExp(String.raw`^ERROR${NUMERIC_SEPARATOR}(\d+)$`, 'i');

/** The server writes request-limit codes as `ERROR: 1001`; accept `ERROR:1001` and `ERROR 1001` too. */
function normalizeCode(code: string): string {
	const trimmed = code.trim();
	const numeric = NUMERIC_CODE.exec(trimmed);
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
	return { code: known, listed: known, category, description, advice, retryAfterMs, blockMs };
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
		return new TwoCaptchaApiError(classifyStatus(code, serverText), captchaId);
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

/**
 * Returns an answer unchanged; throws TwoCaptchaApiError for any status (statusOf), the catalogue's classification
 * or, for a status it does not list, `unknown` with the raw text. `expected` is the status word the caller's action
 * answers on success (Report Good/Bad: OK_REPORT_RECORDED), passed only with `status: 1`; no other action takes one.
 */
export function ensureOk(response: ApiResponse, captchaId?: string, expected?: string): ApiResponse {
	const status = statusOf(response);
	if (!status || (expected !== undefined && response.status === 1 && status.code === expected)) return response;
	throw new TwoCaptchaApiError(status, captchaId);
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

/**
 * A paid answer whose form the method's parser does not know: never turned into a guessed solution. The message
 * quotes a short excerpt; `raw` is the complete answer, which every output of the failure keeps (`rawAnswer`).
 */
export class AnswerParseError extends Error {
	constructor(
		problem: string,
		/** The complete answer as received. */
		readonly raw: unknown,
	) {
		super(`${problem}; the service answered: ${excerpt(raw, [], 80)}`);
		this.name = 'AnswerParseError';
	}
}

/** Documented statuses that are no errors. */
export const OK_REPORT_RECORDED = 'OK_REPORT_RECORDED';
const NON_ERROR_STATUSES = new Set([NOT_READY, OK_REPORT_RECORDED]);
const LISTED_CODES = new Set(ERROR_CODES.map((spec) => spec.code));
const ERROR_FORM = new RegExp(String.raw`^ERR(?:OR)?(?:_[A-Z0-9_]+|${NUMERIC_SEPARATOR}\d+)$`);

/**
 * THE status rule: whether a text 2Captcha sent is a status word of the API or an answer. Used by every reader
 * of answers (single- and multi-id polls, Task → Get Result(s), Wait for Pingback's doorbell, the trigger), so an
 * answer is never taken for a status nor a status for an answer in one place but not another.
 *
 * A status is, by its form: `ERROR_…` / `ERR_…` (the reference spells ERR_PROXY_CONNECTION_FAILED once),
 * `ERROR: n` (also `ERROR:n`, `ERROR n`), a code of the error catalogue (IP_BANNED, MAX_USER_TURN, …) or one of
 * the documented statuses that are not errors (CAPCHA_NOT_READY, OK_REPORT_RECORDED). A status the catalogue does
 * not list is the `unknown` class: its raw text is kept, it is never a solution, never relabelled, never waited
 * out as if it were CAPCHA_NOT_READY.
 */
export function isStatusText(text: string): boolean {
	const trimmed = text.trim();
	return NON_ERROR_STATUSES.has(trimmed) || LISTED_CODES.has(trimmed) || ERROR_FORM.test(trimmed);
}

/** A status, classified by the error catalogue (`unknown` for one it does not list); OK_REPORT_RECORDED is not an error. */
export function classifyStatus(text: string, serverText?: string): CodeClassification {
	const classified = classifyCode(text, serverText);
	// ERR_X: the reference's other spelling of ERROR_X. Classified as that code, reported as sent.
	if (classified.category === 'unknown' && /^ERR_/.test(text.trim())) {
		const alias = classifyCode(text.trim().replace(/^ERR_/, 'ERROR_'));
		if (alias.category !== 'unknown') return { ...alias, code: text.trim() };
	}
	return classified;
}


/**
 * The status a res.php answer carries, or undefined when it carries an answer. `status: 0` is always a status
 * (whatever its text); `status: 1` is one when its text has a status's form (a server saying "OK" to
 * `ERROR_SOMETHING` or `CAPCHA_NOT_READY` still has no answer).
 */
export function statusOf(response: ApiResponse): CodeClassification | undefined {
	const serverText = typeof response.extra.error_text === 'string' ? response.extra.error_text : undefined;
	if (response.status === 1) {
		if (typeof response.request !== 'string' || !isStatusText(response.request)) return undefined;
		return classifyStatus(response.request, serverText);
	}
	return classifyStatus(textOf(response.request), serverText);
}

/**
 * A status about one captcha: not ready, a per-captcha code (unsolvable, wrong ID ...) or one the catalogue does not
 * list (reported on the captcha with its raw text). Account-level codes and slow-down codes are not.
 */
export function isCaptchaStatus({ category }: CodeClassification): boolean {
	return category === 'notReady' || category === 'fatalTask' || category === 'unknown';
}
