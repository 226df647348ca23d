/**
 * Captcha → Solve Any Captcha: the captcha type is a field and its values one JSON object, so one node (one AI
 * tool) covers every type of the catalogue. The values pass the same checks as the type's own operation; errors
 * name the key of the object and list the type's fields, so a model learns exactly what to send. Images and audio
 * come as base64 text or a data: URI, never as a web address: the node downloads nothing.
 */
import type { INodeProperties } from 'n8n-workflow';

import { configuredMethod } from '../../catalogue';
import { checkParamName, FieldError, toInPhpParams } from '../../catalogue/toRequest';
import type { CaptchaMethod, FieldSpec } from '../../catalogue/types';
import { isRecord } from '../../lib/isRecord';
import { escapeRegExp, excerpt } from '../../transport/redact';
import { fieldKeys, findCaptchaType, typeFields, typeValues, uploadKeyAliases, type TypeField } from './captchaTypes';
import type { ItemInput, ItemSource } from './itemSource';
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

/**
 * The keys an entry answers to: its name, the spec's parameter name, and for uploads "<prefix>Base64". Custom
 * Method's files and parameter lists have no parameter name of their own (each entry names one).
 */
function keysOf(entry: TypeField): string[] {
	if (entry.choice || entry.upload?.list === 'named') return [entry.key];
	if (entry.upload) return [entry.key, ...uploadKeyAliases(entry.upload), entry.upload.base64Param];
	return [entry.key, ...(entry.field!.param ? [entry.field!.param] : [])];
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

/**
 * Name/value fields take an object of name: value, as the node's fixedCollection holds it: keyValue (FunCaptcha's
 * Custom Data) and Custom Method's Parameters.
 */
function keyValueEntries(field: FieldSpec, value: unknown): unknown {
	if (!isRecord(value)) throw new FieldError(field.name, 'must be an object of name: value');
	return { entries: Object.entries(value).map(([name, entry]) => ({ name, value: typeof entry === 'number' ? String(entry) : entry })) };
}

/** A web address where base64 was asked: the node never downloads (anything but a data: URI with a scheme). */
const WEB_ADDRESS = /^[a-z][a-z0-9+.-]*:/i;

/** One file as base64 text or a data: URI, checked like the type's own operation checks it; `label` names it in errors. */
function readFile(entry: TypeField, value: unknown, label: string): ResolvedUpload {
	const upload = entry.upload!;
	if (typeof value !== 'string') throw new FieldError(label, 'must be base64 text or a data: URI');
	const text = value.trim();
	if (WEB_ADDRESS.test(text) && !/^data:/i.test(text)) {
		throw new FieldError(label, `must be the ${upload.kind} itself as base64 text or a data: URI; the node does not download web addresses`);
	}
	return uploadFromBase64(upload, text, label);
}

/** A list (Drag and Drop's draggable images): a JSON list, or its text, of 1 to maxCount files, in order. */
function readList(entry: TypeField, value: unknown): ResolvedUpload[] {
	const max = entry.upload!.maxCount ?? 1;
	const list = typeof value === 'string' && value.trim().startsWith('[') ? parseJson(value) : value;
	if (!Array.isArray(list) || list.length === 0) {
		throw new FieldError(entry.key, `must be a list of 1 to ${max} base64 texts or data: URIs, in order (one file is a list of one)`);
	}
	if (list.length > max) throw new FieldError(entry.key, `must hold at most ${max} files (got ${list.length})`);
	return list.map((item, index) => readFile(entry, item, `${entry.key}[${index}]`));
}

/** Files by in.php parameter (Custom Method's Files): an object of parameter: base64, each name checked like any parameter. */
function readNamed(entry: TypeField, value: unknown): ResolvedUpload[] {
	const max = entry.upload!.maxCount ?? 1;
	if (!isRecord(value)) throw new FieldError(entry.key, 'must be an object of in.php parameter: base64 text or data: URI');
	const files = Object.entries(value).filter(([, file]) => file !== undefined && file !== null && file !== '');
	if (files.length > max) throw new FieldError(entry.key, `must hold at most ${max} files (got ${files.length})`);
	return files.map(([param, file]) => {
		checkParamName(entry.key, param);
		return { ...readFile(entry, file, `${entry.key}.${param}`), param };
	});
}

function readUploads(entry: TypeField, value: unknown): ResolvedUpload[] {
	if (entry.upload!.list === 'jsonArray') return readList(entry, value);
	if (entry.upload!.list === 'named') return readNamed(entry, value);
	return [readFile(entry, value, entry.key)];
}

/** The type as the item configures it: Custom Method's Answer As from its key in the parameters. */
function configured(method: CaptchaMethod, choice: unknown): CaptchaMethod {
	return configuredMethod(method, () => (typeof choice === 'string' ? choice.trim() : choice));
}

/** The label the node's own operation shows for a field; the catalogue's errors name fields by it. */
const labelOf = (entry: TypeField) => (entry.field ?? entry.upload ?? entry.choice)!.displayName;

/** `text` with the type's field labels ("Text Instructions", "Method Name") replaced by their keys, longest first. */
function withKeys(method: CaptchaMethod, text: string): string {
	const entries = typeFields(method).sort((a, b) => labelOf(b).length - labelOf(a).length);
	return entries.reduce(
		(out, entry) => out.replace(new RegExp(`(?<![A-Za-z0-9])${escapeRegExp(labelOf(entry))}(?![A-Za-z0-9])`, 'g'), entry.key),
		text,
	);
}

/** A catalogue error ("Page URL: …", "Parameters "x": … Method Name") with the keys the caller sent ("pageUrl: …"). */
function relabel(error: unknown, method: CaptchaMethod): unknown {
	if (!(error instanceof FieldError)) return error;
	return new FieldError(withKeys(method, error.field), withKeys(method, error.message.slice(error.field.length + 2)));
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
		let choice: unknown;
		const seen = new Set<TypeField>();
		for (const [key, value] of Object.entries(given)) {
			const entry = index.get(key.toLowerCase());
			if (!entry) throw new FieldError(PARAMETERS_LABEL, `"${excerpt(key)}" is not a field of ${fieldsHint(method)}`);
			if (seen.has(entry)) throw new FieldError(PARAMETERS_LABEL, `${entry.key} is given twice (as "${excerpt(key)}" too)`);
			seen.add(entry);
			if (value === undefined || value === null || value === '') continue;
			if (entry.choice) choice = value;
			else if (entry.upload) uploads.push(...readUploads(entry, value));
			else values[entry.key] = NAME_VALUE_TYPES.has(entry.field!.type) ? keyValueEntries(entry.field!, value) : value;
		}
		const missing = typeFields(method).filter(
			(f) => f.required && (f.upload ? !uploads.some((u) => u.spec === f.upload) : isBlank(values[f.key])),
		);
		if (missing.length > 0) {
			throw new FieldError(PARAMETERS_LABEL, `${missing.map((f) => f.key).join(', ')} missing: ${fieldsHint(method)}`);
		}
		let input: ItemInput;
		try {
			input = { method: configured(method, choice), params: toInPhpParams(method, values), uploads };
		} catch (error) {
			throw relabel(error, method);
		}
		return input;
	},
	/**
	 * The solve path's upload and cross-field rules (an instruction needed, one of two challenge forms ...) name the
	 * fields by their keys ("Give either challengeUrl or challengeJson"); a rule's error lists the type's fields.
	 */
	relabel(error, method) {
		// checkMethodRules names the method as the field (no upload of the catalogue is named like its method).
		if (!(error instanceof FieldError) || error.field !== method.name) return relabel(error, method);
		const problem = error.message.slice(error.field.length + 2);
		return new FieldError(PARAMETERS_LABEL, `${withKeys(method, problem)}: ${fieldsHint(method)}`);
	},
};

/** Fields a caller gives as an object of name: value. */
const NAME_VALUE_TYPES = new Set<FieldSpec['type']>(['keyValue', 'params']);

function isBlank(value: unknown): boolean {
	return value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
}

export const solveAnyOperation = solveItems(jsonSource);
