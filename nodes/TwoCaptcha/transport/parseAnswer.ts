import { isRecord } from '../lib/isRecord';
import { isStatusText, OK_REPORT_RECORDED } from './errors';
import { PLAIN_DECIMAL } from './decimal';
import type { ApiResponse } from './types';

function parseJsonAnswer(body: string): ApiResponse | undefined {
	let parsed: unknown;
	try {
		parsed = JSON.parse(body);
	} catch {
		return undefined;
	}
	if (!isRecord(parsed) || !('request' in parsed)) return undefined;
	const { status, request, ...extra } = parsed;
	const numericStatus = typeof status === 'string' && /^\d+$/.test(status) ? Number(status) : status;
	if (numericStatus !== 0 && numericStatus !== 1) return undefined;
	return { status: numericStatus, request, extra };
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
 * page, empty or garbage body), which the caller treats as a transient transport error.
 */
export function parseAnswer(rawBody: string): ApiResponse | undefined {
	const body = rawBody.trim();
	if (body === '') return undefined;
	return body.startsWith('{') ? parseJsonAnswer(body) : parsePlainAnswer(body);
}
