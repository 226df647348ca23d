import { isRecord } from '../lib/isRecord';
import { isStatusText, OK_REPORT_RECORDED } from './errors';
import { PLAIN_DECIMAL } from './decimal';
import type { ApiResponse } from './types';

/**
 * The deepest nesting an answer may have. Real answers nest two or three levels (Geetest's object, cookies); deeper
 * JSON (200,000 `[` fit in 400 kB) would overflow the stack of whatever writes it later (JSON.stringify, String()).
 */
export const MAX_ANSWER_DEPTH = 64;

/** A well-formed 2Captcha-like answer that breaks the protocol: never retried (a submission may have been paid). */
export interface AnswerProblem {
	problem: string;
}

/** Whether `value` nests objects or lists deeper than `max` levels; iterative, so any depth is looked at safely. */
function nestedDeeperThan(value: unknown, max: number): boolean {
	const stack: Array<{ node: object; depth: number }> = [];
	if (typeof value === 'object' && value !== null) stack.push({ node: value, depth: 1 });
	for (let next = stack.pop(); next; next = stack.pop()) {
		if (next.depth > max) return true;
		for (const child of Object.values(next.node)) {
			if (typeof child === 'object' && child !== null) stack.push({ node: child as object, depth: next.depth + 1 });
		}
	}
	return false;
}

function parseJsonAnswer(body: string): ApiResponse | AnswerProblem | undefined {
	let parsed: unknown;
	try {
		parsed = JSON.parse(body);
	} catch {
		return undefined;
	}
	if (!isRecord(parsed) || !('request' in parsed)) return undefined;
	if (nestedDeeperThan(parsed, MAX_ANSWER_DEPTH)) return { problem: `a JSON answer nested deeper than ${MAX_ANSWER_DEPTH} levels` };
	const { status, request, ...extra } = parsed;
	const numericStatus = typeof status === 'string' && /^\d+$/.test(status) ? Number(status) : status;
	if (numericStatus === 0 || numericStatus === 1) return { status: numericStatus, request, extra };
	// Another status with a status's text is that status (the status rule judges by form); with any other text it
	// is no answer the protocol knows: neither a solution nor a transport fault to retry.
	if (typeof request === 'string' && isStatusText(request)) return { status: 0, request, extra };
	return { problem: 'a JSON answer whose status is neither 0 nor 1' };
}

function parsePlainAnswer(body: string): ApiResponse | undefined {
	if (body.startsWith('OK|')) return { status: 1, request: body.slice(3), extra: {} };
	if (body === OK_REPORT_RECORDED || PLAIN_DECIMAL.test(body)) return { status: 1, request: body, extra: {} };
	if (isStatusText(body)) return { status: 0, request: body, extra: {} };
	return undefined;
}

/**
 * Reads a 2Captcha answer from a response body: JSON `{status, request, ...extra}` or plain
 * `OK|...` / `CAPCHA_NOT_READY` / `ERROR_...`. Returns undefined for anything else (HTML error
 * page, empty or garbage body), which the caller treats as a transient transport error; an AnswerProblem for JSON
 * that is a 2Captcha answer in form but breaks the protocol (an unknown status with no status text, nesting too deep),
 * which the caller treats as a protocol error.
 */
export function parseAnswer(rawBody: string): ApiResponse | AnswerProblem | undefined {
	const body = rawBody.trim();
	if (body === '') return undefined;
	return body.startsWith('{') ? parseJsonAnswer(body) : parsePlainAnswer(body);
}
