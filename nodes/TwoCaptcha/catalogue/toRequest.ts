import { excerpt } from './parsers';
import type { CaptchaMethod, FieldSpec } from './types';

/** Bad input, found before anything is sent. `field` is the UI label the user sees. */
export class FieldError extends Error {
	constructor(
		readonly field: string,
		message: string,
	) {
		super(`${field}: ${message}`);
		this.name = 'FieldError';
	}
}

export type InPhpParams = Record<string, string>;

const PROXY = /^(?:[^:@\s]+:[^@\s]+@)?(?:[A-Za-z0-9-]+\.)*[A-Za-z0-9-]+:(\d{1,5})$/;

/**
 * Maps the values a user entered for a method (required fields + Options) to in.php parameters,
 * validating each the way the spec states. Throws FieldError naming the field on bad input.
 * Cross-field rules come later, in checkMethodRules, once the uploads are known.
 */
export function toInPhpParams(method: CaptchaMethod, values: Record<string, unknown>): InPhpParams {
	const params: InPhpParams = { ...method.fixed };
	for (const field of [...method.fields, ...method.options]) {
		const value = values[field.name];
		if (isEmpty(value)) {
			if (field.required) throw new FieldError(field.displayName, 'is required and must not be empty');
			continue;
		}
		Object.assign(params, encodeField(field, value));
	}
	const proxy = [...method.fields, ...method.options].find((f) => f.type === 'proxy');
	if (proxy && params[proxy.param] && !params.proxytype) {
		throw new FieldError('Proxy Type', 'is required when a proxy is set (HTTP, HTTPS, SOCKS4 or SOCKS5)');
	}
	return params;
}

/** The method's cross-field rules, run once uploads are in `params` under their in.php names. */
export function checkMethodRules(method: CaptchaMethod, params: Record<string, unknown>): void {
	const problem = method.validate?.(params);
	if (problem) throw new FieldError(method.name, problem);
}

function encodeField(field: FieldSpec, value: unknown): InPhpParams {
	switch (field.type) {
		case 'boolean':
			return value ? { [field.param]: '1' } : field.sendFalse ? { [field.param]: '0' } : {};
		case 'number': {
			const n = Number(value);
			if (!Number.isFinite(n)) throw new FieldError(field.displayName, 'must be a number');
			if (field.min !== undefined && n < field.min) throw new FieldError(field.displayName, `must be at least ${field.min}`);
			if (field.max !== undefined && n > field.max) throw new FieldError(field.displayName, `must be at most ${field.max}`);
			return { [field.param]: String(n) };
		}
		case 'json':
			return { [field.param]: encodeJson(field, value) };
		case 'keyValue':
			return encodeKeyValue(field, value);
		case 'options':
			return { [field.param]: checkChoice(field, value) };
		default: {
			const text = String(value).trim();
			if (field.maxLength !== undefined && text.length > field.maxLength) {
				throw new FieldError(field.displayName, `must be at most ${field.maxLength} characters (got ${text.length})`);
			}
			if (field.type === 'url') checkUrl(field, text);
			if (field.type === 'proxy') checkProxy(field, text);
			return { [field.param]: text };
		}
	}
}

function checkUrl(field: FieldSpec, text: string): void {
	if (!URL.canParse(text)) {
		throw new FieldError(field.displayName, `must be a full URL such as https://example.com/page (got "${excerpt(text)}")`);
	}
	const { protocol } = new URL(text);
	if (protocol !== 'http:' && protocol !== 'https:') {
		throw new FieldError(field.displayName, 'must start with http:// or https://');
	}
}

/** A dropdown set by an expression can hold anything: only the listed values may be sent. */
function checkChoice(field: FieldSpec, value: unknown): string {
	const text = String(value).trim();
	const allowed = (field.options ?? []).map((choice) => String(choice.value));
	if (!allowed.includes(text)) {
		throw new FieldError(field.displayName, `must be one of ${allowed.join(', ')} (got "${excerpt(text)}")`);
	}
	return text;
}

function checkProxy(field: FieldSpec, text: string): void {
	const match = PROXY.exec(text);
	const port = match ? Number(match[1]) : 0;
	if (!match || port < 1 || port > 65535) {
		// Never echo the value: it may hold the proxy password.
		throw new FieldError(field.displayName, 'must look like login:password@123.123.123.123:3128 or 123.123.123.123:3128');
	}
}

function encodeJson(field: FieldSpec, value: unknown): string {
	if (typeof value !== 'string') return JSON.stringify(value);
	const parsed = parseJson(value);
	if (!parsed) throw new FieldError(field.displayName, 'must be valid JSON');
	return JSON.stringify(parsed.value);
}

function parseJson(text: string): { value: unknown } | undefined {
	try {
		return { value: JSON.parse(text) };
	} catch {
		return undefined;
	}
}

/** n8n fixedCollection `{ entries: [{name, value}] }` → `param[name]=value` (e.g. FunCaptcha data[blob]). */
function encodeKeyValue(field: FieldSpec, value: unknown): InPhpParams {
	const entries = (value as { entries?: Array<{ name?: string; value?: string }> }).entries ?? [];
	const params: InPhpParams = {};
	for (const entry of entries) {
		const name = String(entry.name ?? '').trim();
		if (!name) throw new FieldError(field.displayName, 'every entry needs a name');
		params[`${field.param}[${name}]`] = String(entry.value ?? '');
	}
	return params;
}

function isEmpty(value: unknown): boolean {
	if (value === undefined || value === null) return true;
	if (typeof value === 'string') return value.trim() === '';
	if (typeof value === 'object' && !Array.isArray(value)) return Object.keys(value).length === 0;
	return false;
}
