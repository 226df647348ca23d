/**
 * The captcha types of the catalogue as a model or a person reads them: which fields each needs, what each means,
 * and the shape of its solution. Derived from the catalogue entries, so every entry appears here as it is added.
 * Used by Captcha → List Captcha Types and by Solve Any Captcha (type lookup, field names, error texts).
 */
import { getMethod, operationMethods } from '../../catalogue';
import { solutionShape as shapeOf } from '../../catalogue/solutionShapes';
import { uploadNames } from '../../catalogue/toProperties';
import { MAX_NUMBER } from '../../catalogue/toRequest';
import type { AnswerChoice, CaptchaMethod, FieldSpec, UploadSpec } from '../../catalogue/types';

/** A field of a type under the name Solve Any Captcha's parameters take (the node's parameter name). */
export interface TypeField {
	/** Key in the parameters object. */
	key: string;
	required: boolean;
	/** The catalogue's field, the upload, or the answer setting (Custom Method's Answer As). */
	field?: FieldSpec;
	upload?: UploadSpec;
	choice?: AnswerChoice;
}

/**
 * Every field of a type, required first: the catalogue's fields, its options, its uploads (as base64 text) and its
 * answer setting. A top-level field is required when the catalogue says so (all but Custom Method's parameter lists).
 */
export function typeFields(method: CaptchaMethod): TypeField[] {
	const uploads = method.uploads ?? [];
	const choice = method.answerChoice;
	return [
		...uploads.filter((u) => u.required).map((upload) => ({ key: upload.namePrefix, required: true, upload })),
		...method.fields.map((field) => ({ key: field.name, required: field.required === true, field })),
		...method.options.map((field) => ({ key: field.name, required: false, field })),
		...uploads.filter((u) => !u.required).map((upload) => ({ key: upload.namePrefix, required: false, upload })),
		...(choice ? [{ key: choice.name, required: false, choice }] : []),
	];
}

/** 'reCAPTCHA V2', 'recaptcha_v2' and 'recaptchaV2' are the same type: letters and digits, lower case. */
const normalized = (text: string) => text.toLowerCase().replace(/[^a-z0-9]/g, '');

/**
 * The type a text names: an operation's value or its name, in any case and spacing; undefined when none does.
 * Every captcha operation is a type, Custom Method included (any in.php method by its name and parameters).
 */
export function findCaptchaType(text: string): CaptchaMethod | undefined {
	const exact = getMethod(text.trim());
	if (exact) return exact;
	const wanted = normalized(text);
	if (!wanted) return undefined;
	return (
		operationMethods.find((m) => normalized(m.value) === wanted) ?? operationMethods.find((m) => normalized(m.name) === wanted)
	);
}

/** Every type's operation value, for error messages. */
export function typeValues(): string {
	return operationMethods.map((m) => m.value).join(', ');
}

/** Lists longer than this are shown by their first values and their count. */
const MAX_LISTED_CHOICES = 12;

/** What a value of the field must be, in a few words. */
function valueKind(field: FieldSpec): string {
	switch (field.type) {
		case 'url':
			return 'http(s) URL';
		case 'number': {
			const max = field.max ?? MAX_NUMBER;
			return `number ${field.min ?? 0}–${max}`;
		}
		case 'boolean':
			return 'true/false';
		case 'options': {
			const choices = field.options ?? [];
			if (choices.length > MAX_LISTED_CHOICES) {
				return `one of ${choices.length} values such as ${choices.slice(0, MAX_LISTED_CHOICES).map((c) => c.value).join(', ')}`;
			}
			return `one of ${choices.map((c) => (String(c.value) === c.name ? `${c.value}` : `${c.value} (${c.name})`)).join(', ')}`;
		}
		case 'json':
			return 'JSON';
		case 'keyValue':
			return 'object of name: value';
		case 'params':
			return 'object of in.php parameter: text';
		case 'paramsJson':
			return 'object of in.php parameter: value (true/false as 1/0, objects and lists as JSON text)';
		case 'proxy':
			return 'login:password@host:port or host:port';
		default:
			return field.maxLength ? `text, at most ${field.maxLength} characters` : 'text';
	}
}

const CONTENT = { image: 'JPG, PNG or GIF image', audio: 'MP3 audio', file: 'file' };

/** What an upload takes: one file, a list of them (Drag and Drop) or files by parameter (Custom Method). */
function uploadKind(upload: UploadSpec): string {
	const each = `${CONTENT[upload.kind]} as base64 text or a data: URI, at most ${Math.round(upload.maxBytes / 1024)} kB`;
	const max = upload.maxCount ?? 1;
	if (upload.list === 'jsonArray') return `list of 1–${max} items, in order: each a ${each}`;
	if (upload.list === 'named') return `object of in.php parameter: ${each} (at most ${max})`;
	return `${each} (never a web address)`;
}

/** The answer setting's values (what each gives is in the type's solution). */
function choiceKind(choice: AnswerChoice): string {
	return `one of ${choice.choices.map((c) => c.value).join(', ')} (default ${choice.default})`;
}

/** One line per field: what it takes, then what it means. An optional field left out is not sent at all. */
function fieldHelp(entry: TypeField): string {
	if (entry.upload) return `${uploadKind(entry.upload)}. ${entry.upload.displayName}`;
	if (entry.choice) return `${choiceKind(entry.choice)}. ${entry.choice.description}`;
	const field = entry.field!;
	return `${valueKind(field)}. ${field.description ?? field.displayName}`;
}

/** The answer format of the methods known from 2Captcha's libraries only: what the parser accepts, not a documented form. */
const UNCONFIRMED = 'Answer format unconfirmed by 2Captcha: rawAnswer always holds the answer as received';

/** The parsers' shapes say what they are sure of; a type with none says so rather than guess. */
export const UNKNOWN_SHAPE = 'as 2Captcha answers it (see description)';

/** The solution's shape for a type, as List Captcha Types says it. */
export function solutionShape(method: CaptchaMethod): string {
	const shape = shapeOf(method);
	if (!shape) return UNKNOWN_SHAPE;
	return shape.unconfirmed ? `${shape.text}. ${UNCONFIRMED}` : shape.text;
}

/** A type as List Captcha Types outputs it. */
export function describeType(method: CaptchaMethod): Record<string, unknown> {
	const fields = typeFields(method);
	const help = (required: boolean) =>
		Object.fromEntries(fields.filter((f) => f.required === required).map((f) => [f.key, fieldHelp(f)]));
	return {
		type: method.value,
		name: method.name,
		description: method.description,
		required: help(true),
		optional: help(false),
		solution: solutionShape(method),
		defaultTimeoutSeconds: method.timings.timeoutSec,
	};
}

/** "siteKey, pageUrl" — or "none" — for messages that list a type's fields. */
export function fieldKeys(method: CaptchaMethod, required: boolean): string {
	const keys = typeFields(method)
		.filter((f) => f.required === required)
		.map((f) => f.key);
	return keys.length ? keys.join(', ') : 'none';
}

/** The parameter names of an upload that Solve Any Captcha also accepts (imageBase64 next to image). */
export function uploadKeyAliases(upload: UploadSpec): string[] {
	return [uploadNames(upload).base64];
}
