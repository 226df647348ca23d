import { urlProblem } from '../transport/url';
import { excerpt } from '../transport/redact';
import { CONTROL, CONTROL_BUT_LINES } from '../transport/text';
import type { CaptchaMethod, FieldSpec } from './types';
import { BASE64 } from './validators';

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
		for (const [param, text] of Object.entries(encodeField(field, value))) {
			// Custom Method's lists may name a parameter another field (or the other list) sets already.
			if (param in params) throw new FieldError(field.displayName, `sets the parameter "${param}", which is already set`);
			params[param] = text;
		}
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

/** Text longer than this is refused unless the field sets its own maxLength: no parameter of the spec needs more. */
export const MAX_TEXT_LENGTH = 65_536;
/** Numbers without a `max` stay below this: no count, size or angle of the spec comes near it. */
export const MAX_NUMBER = 1_000_000;

/** Whether a number field takes whole numbers only (the UI shows it without decimals too). */
export function wholeNumberField(field: FieldSpec): boolean {
	return Number.isInteger(field.default ?? 0) && Number.isInteger(field.min ?? 0);
}

/** What an unexpected value is, for a message that never echoes it whole. */
function kindOf(value: unknown): string {
	if (Array.isArray(value)) return 'a list';
	if (value === null) return 'null';
	return typeof value === 'object' ? 'an object' : typeof value;
}

/** Text given as text or a finite number (an expression may yield either); anything else names the field. */
function textOf(field: FieldSpec, value: unknown): string {
	if (typeof value === 'number' && Number.isFinite(value)) return String(value);
	if (typeof value !== 'string') throw new FieldError(field.displayName, `must be text (got ${kindOf(value)})`);
	const text = value.trim();
	const maxLength = field.maxLength ?? MAX_TEXT_LENGTH;
	if (text.length > maxLength) {
		throw new FieldError(field.displayName, `must be at most ${maxLength} characters (got ${text.length})`);
	}
	if ((field.rows || field.base64 ? CONTROL_BUT_LINES : CONTROL).test(text)) {
		throw new FieldError(field.displayName, 'must not contain control characters');
	}
	return text;
}

/** true/false, or 1/0 and "true"/"false" from an expression or a spreadsheet. */
function booleanOf(field: FieldSpec, value: unknown): boolean {
	const text = typeof value === 'string' ? value.trim().toLowerCase() : value;
	if (text === true || text === 1 || text === 'true' || text === '1') return true;
	if (text === false || text === 0 || text === 'false' || text === '0') return false;
	throw new FieldError(field.displayName, `must be true or false (got ${typeof value === 'string' ? `"${excerpt(value)}"` : kindOf(value)})`);
}

function numberOf(field: FieldSpec, value: unknown): number {
	const n = typeof value === 'number' ? value : typeof value === 'string' ? Number(value.trim()) : NaN;
	const shown = typeof value === 'string' ? `"${excerpt(value)}"` : typeof value === 'number' ? String(value) : kindOf(value);
	if (!Number.isFinite(n)) throw new FieldError(field.displayName, `must be a number (got ${shown})`);
	if (wholeNumberField(field) && !Number.isInteger(n)) throw new FieldError(field.displayName, `must be a whole number (got ${shown})`);
	if (field.min !== undefined && n < field.min) throw new FieldError(field.displayName, `must be at least ${field.min}`);
	const max = field.max ?? MAX_NUMBER;
	if (n > max) throw new FieldError(field.displayName, `must be at most ${max}`);
	return n;
}

function encodeField(field: FieldSpec, value: unknown): InPhpParams {
	switch (field.type) {
		case 'boolean':
			return booleanOf(field, value) ? { [field.param]: '1' } : field.sendFalse ? { [field.param]: '0' } : {};
		case 'number':
			return { [field.param]: String(numberOf(field, value)) };
		case 'json':
			return { [field.param]: encodeJson(field, value) };
		case 'keyValue':
			return encodeKeyValue(field, value);
		case 'params':
			return encodeParams(field, entriesOf(field, value));
		case 'paramsJson':
			return encodeParamsJson(field, value);
		case 'options':
			return { [field.param]: checkChoice(field, value) };
		default: {
			const text = textOf(field, value);
			if (field.type === 'url') checkUrl(field.displayName, text);
			if (field.type === 'proxy') checkProxy(field, text);
			if (field.base64) return { [field.param]: base64Of(field, text) };
			return { [field.param]: text };
		}
	}
}

/** The one URL check (transport/url.ts) as a FieldError naming the field; the URL is not echoed (it may hold a secret). */
export function checkUrl(fieldName: string, text: string): void {
	const problem = urlProblem(text);
	if (problem) throw new FieldError(fieldName, problem);
}

/** A dropdown set by an expression can hold anything: only the listed values may be sent. */
function checkChoice(field: FieldSpec, value: unknown): string {
	if (typeof value !== 'string' && typeof value !== 'number') {
		throw new FieldError(field.displayName, `must be one of ${(field.options ?? []).map((c) => c.value).join(', ')} (got ${kindOf(value)})`);
	}
	const text = String(value).trim();
	const allowed = (field.options ?? []).map((choice) => String(choice.value));
	if (allowed.includes(text)) return text;
	// An expression may spell a value in another case (the reference's own examples send "proxytype":"http").
	const sameLetters = allowed.filter((choice) => choice.toLowerCase() === text.toLowerCase());
	if (sameLetters.length === 1) return sameLetters[0];
	throw new FieldError(field.displayName, `must be one of ${allowed.join(', ')} (got "${excerpt(text)}")`);
}

/** Base64 text without its line breaks and spaces; anything but standard base64 is refused (never echoed). */
function base64Of(field: FieldSpec, text: string): string {
	const compact = text.replace(/\s+/g, '');
	if (compact === '' || !BASE64.test(compact)) {
		throw new FieldError(field.displayName, 'is not valid base64: encode the content first (e.g. base64Encode() in an expression)');
	}
	return compact;
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
	const parsed = typeof value === 'string' ? parseJson(value) : { value };
	if (!parsed) throw new FieldError(field.displayName, 'must be valid JSON');
	let json: string | undefined;
	try {
		json = JSON.stringify(parsed.value);
	} catch {
		json = undefined;
	}
	if (json === undefined) throw new FieldError(field.displayName, 'must be valid JSON');
	if (json.length > MAX_TEXT_LENGTH) throw new FieldError(field.displayName, `must be at most ${MAX_TEXT_LENGTH} characters as JSON`);
	return json;
}

function parseJson(text: string): { value: unknown } | undefined {
	try {
		return { value: JSON.parse(text) };
	} catch {
		return undefined;
	}
}

/** The entries of an n8n fixedCollection `{ entries: [{name, value}] }`. */
function entriesOf(field: FieldSpec, value: unknown): Array<{ name?: unknown; value?: unknown }> {
	const entries = (value as { entries?: unknown }).entries ?? [];
	if (typeof value !== 'object' || !Array.isArray(entries)) throw new FieldError(field.displayName, 'must be a list of name/value entries');
	return entries as Array<{ name?: unknown; value?: unknown }>;
}

/** n8n fixedCollection `{ entries: [{name, value}] }` → `param[name]=value` (e.g. FunCaptcha data[blob]). */
function encodeKeyValue(field: FieldSpec, value: unknown): InPhpParams {
	const entries = entriesOf(field, value);
	const params: InPhpParams = {};
	for (const entry of entries) {
		const name = textOf({ ...field, maxLength: 256, rows: undefined }, entry?.name ?? '');
		if (!name) throw new FieldError(field.displayName, 'every entry needs a name');
		params[`${field.param}[${name}]`] = textOf({ ...field, rows: undefined }, entry?.value ?? '');
	}
	return params;
}

// --- Custom Method: parameters by name ---

/**
 * Parameters the node sets itself and a user may not: the credential's API key, the answer format the node parses,
 * the credential's developer ID, the pingback of the chosen Mode. `method` is the Method Name field.
 */
export const NODE_PARAMS: Record<string, string> = {
	key: 'the API key comes from the credential',
	json: 'the node always asks for JSON answers',
	soft_id: 'the developer ID comes from the credential',
	pingback: 'the pingback is set by the Mode (Pingback URL in Submit Only)',
	method: 'set it in Method Name',
};

/** An in.php parameter name: letters, digits, `_`, `.`, `-`, optionally with `[key]` parts (data[blob]). */
const PARAM_NAME = /^[A-Za-z0-9_][A-Za-z0-9_.-]*(?:\[[A-Za-z0-9_.-]*\])*$/;
const MAX_PARAM_NAME = 64;
/** The most parameters one list (or the JSON object) may hold. */
export const MAX_CUSTOM_PARAMS = 50;
/** The longest value of a Custom Method parameter (a base64 image of 600 kB is about 820,000 characters). */
const MAX_CUSTOM_VALUE = 1_048_576;

/** Refuses a parameter name that is malformed or that the node sets itself; the name (never a value) is shown. */
export function checkParamName(fieldName: string, name: string): void {
	if (name.length > MAX_PARAM_NAME || !PARAM_NAME.test(name)) {
		throw new FieldError(fieldName, `"${excerpt(name, [], 40)}" is not a parameter name (letters, digits, _ . - and [key] parts, at most ${MAX_PARAM_NAME} characters)`);
	}
	const reserved = NODE_PARAMS[name.toLowerCase()];
	if (reserved) throw new FieldError(fieldName, `"${name}" cannot be set here: ${reserved}`);
}

function encodeParams(field: FieldSpec, entries: Array<{ name?: unknown; value?: unknown }>): InPhpParams {
	if (entries.length > MAX_CUSTOM_PARAMS) throw new FieldError(field.displayName, `must have at most ${MAX_CUSTOM_PARAMS} entries`);
	const params: InPhpParams = {};
	for (const entry of entries) {
		const name = typeof entry?.name === 'string' ? entry.name.trim() : '';
		if (!name) throw new FieldError(field.displayName, 'every entry needs a name');
		checkParamName(field.displayName, name);
		if (name in params) throw new FieldError(field.displayName, `"${name}" is given twice`);
		const label = { ...field, displayName: `${field.displayName} "${name}"`, maxLength: MAX_CUSTOM_VALUE, rows: 1 };
		const text = textOf(label, entry.value ?? '');
		// The parameters every method shares keep their checks: a proxy's form (never echoed), a pingback never here.
		if (name === 'proxy') checkProxy(label, text);
		params[name] = text;
	}
	return params;
}

/**
 * A JSON object (text or object), each key one parameter: text and numbers as they are, true/false as 1/0 (the
 * API's flags), objects and lists as JSON text (e.g. a list of base64 images), null left out.
 */
function encodeParamsJson(field: FieldSpec, value: unknown): InPhpParams {
	const parsed = typeof value === 'string' ? parseJson(value) : { value };
	if (!parsed || !isPlainObject(parsed.value)) throw new FieldError(field.displayName, 'must be a JSON object, e.g. {"sitekey": "...", "pageurl": "..."}');
	const entries = Object.entries(parsed.value).filter(([, item]) => item !== null && item !== undefined);
	const asText = (item: unknown): unknown => {
		if (typeof item === 'boolean') return item ? '1' : '0';
		if (typeof item === 'object') return JSON.stringify(item);
		return item;
	};
	return encodeParams(field, entries.map(([name, item]) => ({ name, value: asText(item) })));
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isEmpty(value: unknown): boolean {
	if (value === undefined || value === null) return true;
	if (typeof value === 'string') return value.trim() === '';
	if (typeof value === 'object' && !Array.isArray(value)) return Object.keys(value).length === 0;
	return false;
}
