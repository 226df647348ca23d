/**
 * Captcha → Solve Any Captcha: the captcha type is a field and its values one JSON object, so one node (one AI
 * tool) covers every type of the catalogue. The values pass the same checks as the type's own operation; errors
 * name the key of the object and list the type's fields, so a model learns exactly what to send. Images and audio
 * come as base64 text or a data: URI, never as a web address: the node downloads nothing.
 */
import type { INodeProperties } from 'n8n-workflow';

import { FieldError, toInPhpParams } from '../../catalogue/toRequest';
import type { CaptchaMethod, FieldSpec } from '../../catalogue/types';
import { isRecord } from '../../lib/isRecord';
import { excerpt } from '../../transport/redact';
import { fieldKeys, findCaptchaType, typeFields, typeValues, uploadKeyAliases, type TypeField } from './captchaTypes';
import type { ItemSource } from './itemSource';
import { solveItems } from './solve.operation';
import { uploadFromBase64, type ResolvedUpload } from './uploads';

export const SOLVE_ANY = 'solveAnyCaptcha';

const TYPE_LABEL = 'Captcha Type';
const PARAMETERS_LABEL = 'Captcha Parameters';

const show = { resource: ['captcha'], operation: [SOLVE_ANY] };

export const solveAnyProperties: INodeProperties[] = [
	{
		// Text, not a dropdown: n8n lets a model fill text fields ($fromAI), and expressions can name any type.
		displayName: TYPE_LABEL,
		name: 'captchaType',
		type: 'string',
		required: true,
		default: 'recaptchaV2',
		placeholder: 'recaptchaV2',
		displayOptions: { show },
		description: `Which captcha to solve (its name works too). One of: ${typeValues()}.`,
	},
	{
		displayName: PARAMETERS_LABEL,
		name: 'captchaParameters',
		type: 'json',
		required: true,
		default: '{\n  "siteKey": "",\n  "pageUrl": ""\n}',
		displayOptions: { show },
		description:
			'The captcha\'s fields as one JSON object, named as List Captcha Types lists them, e.g. {"siteKey": "…", "pageUrl": "https://…"}. An image goes under "image" as base64 text or a data: URI; web addresses are not fetched.',
	},
];

/** The keys an entry answers to: its name, the spec's parameter name, and for uploads "<prefix>Base64". */
function keysOf(entry: TypeField): string[] {
	if (entry.upload) return [entry.key, ...uploadKeyAliases(entry.upload), entry.upload.base64Param];
	return [entry.key, entry.field!.param];
}

/** Key (lower case) → entry; a type's own names win over the spec's parameter names. */
function keyIndex(method: CaptchaMethod): Map<string, TypeField> {
	const index = new Map<string, TypeField>();
	const entries = typeFields(method);
	for (const entry of entries) index.set(entry.key.toLowerCase(), entry);
	for (const entry of entries) for (const key of keysOf(entry)) if (!index.has(key.toLowerCase())) index.set(key.toLowerCase(), entry);
	return index;
}

function fieldsHint(method: CaptchaMethod): string {
	return `${method.name} (${method.value}) takes required: ${fieldKeys(method, true)}; optional: ${fieldKeys(method, false)}`;
}

const NOT_JSON = Symbol('not JSON');

function parseJson(text: string): unknown {
	try {
		return JSON.parse(text) as unknown;
	} catch {
		return NOT_JSON;
	}
}

/** The parameters object: an object, or JSON text of one. */
function parametersObject(raw: unknown): Record<string, unknown> {
	if (typeof raw === 'string' && raw.trim() === '') return {};
	const value = typeof raw === 'string' ? parseJson(raw) : raw;
	if (value === NOT_JSON) throw new FieldError(PARAMETERS_LABEL, 'must be a JSON object, e.g. {"siteKey": "…", "pageUrl": "https://…"}');
	if (value === undefined || value === null) return {};
	if (!isRecord(value)) throw new FieldError(PARAMETERS_LABEL, 'must be a JSON object, not a list or a single value');
	return value;
}

/** keyValue fields (e.g. FunCaptcha's Custom Data) take an object of name: value, as the node's fixedCollection holds it. */
function keyValueEntries(field: FieldSpec, value: unknown): unknown {
	if (!isRecord(value)) throw new FieldError(field.name, 'must be an object of name: value');
	return { entries: Object.entries(value).map(([name, entry]) => ({ name, value: typeof entry === 'number' ? String(entry) : entry })) };
}

/** A web address where base64 was asked: the node never downloads (anything but a data: URI with a scheme). */
const WEB_ADDRESS = /^[a-z][a-z0-9+.-]*:/i;

function readUpload(entry: TypeField, value: unknown): ResolvedUpload {
	const upload = entry.upload!;
	if (typeof value !== 'string') throw new FieldError(entry.key, 'must be base64 text or a data: URI');
	const text = value.trim();
	if (WEB_ADDRESS.test(text) && !/^data:/i.test(text)) {
		throw new FieldError(entry.key, `must be the ${upload.kind} itself as base64 text or a data: URI; the node does not download web addresses`);
	}
	return uploadFromBase64(upload, text, entry.key);
}

/** Re-labels a catalogue error ("Page URL: …") with the key the caller sent ("pageUrl: …"). */
function relabel(error: unknown, method: CaptchaMethod): unknown {
	if (!(error instanceof FieldError)) return error;
	const entry = typeFields(method).find((f) => f.field?.displayName === error.field);
	if (!entry) return error;
	return new FieldError(entry.key, error.message.slice(error.field.length + 2));
}

/** One item's type and values from Captcha Type and Captcha Parameters, checked before anything is sent. */
export const jsonSource: ItemSource = {
	async read(ctx, itemIndex) {
		const typeText = ctx.getNodeParameter('captchaType', itemIndex, '') as unknown;
		if (typeof typeText !== 'string' || typeText.trim() === '') {
			throw new FieldError(TYPE_LABEL, `is required: one of ${typeValues()}`);
		}
		const method = findCaptchaType(typeText);
		if (!method) {
			throw new FieldError(TYPE_LABEL, `"${excerpt(typeText)}" is not a captcha type; use one of ${typeValues()} (List Captcha Types describes each)`);
		}
		const given = parametersObject(ctx.getNodeParameter('captchaParameters', itemIndex, {}));
		const index = keyIndex(method);
		const values: Record<string, unknown> = {};
		const uploads: ResolvedUpload[] = [];
		const seen = new Set<TypeField>();
		for (const [key, value] of Object.entries(given)) {
			const entry = index.get(key.toLowerCase());
			if (!entry) throw new FieldError(PARAMETERS_LABEL, `"${excerpt(key)}" is not a field of ${fieldsHint(method)}`);
			if (seen.has(entry)) throw new FieldError(PARAMETERS_LABEL, `${entry.key} is given twice (as "${excerpt(key)}" too)`);
			seen.add(entry);
			if (value === undefined || value === null || value === '') continue;
			if (entry.upload) uploads.push(readUpload(entry, value));
			else values[entry.key] = entry.field!.type === 'keyValue' ? keyValueEntries(entry.field!, value) : value;
		}
		const missing = typeFields(method).filter(
			(f) => f.required && (f.upload ? !uploads.some((u) => u.spec === f.upload) : isBlank(values[f.key])),
		);
		if (missing.length > 0) {
			throw new FieldError(PARAMETERS_LABEL, `${missing.map((f) => f.key).join(', ')} missing: ${fieldsHint(method)}`);
		}
		try {
			return { method, params: toInPhpParams(method, values), uploads };
		} catch (error) {
			throw relabel(error, method);
		}
	},
};

function isBlank(value: unknown): boolean {
	return value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
}

export const solveAnyOperation = solveItems(jsonSource);
