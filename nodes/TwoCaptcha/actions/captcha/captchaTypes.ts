/**
 * The captcha types of the catalogue as a model or a person reads them: which fields each needs, what each means,
 * and the shape of its solution. Derived from the catalogue entries, so every entry appears here as it is added.
 * Used by Captcha → List Captcha Types and by Solve Any Captcha (type lookup, field names, error texts).
 */
import { captchaMethods, getMethod } from '../../catalogue';
import {
	parseAmazonWaf,
	parseBoundingBoxes,
	parseCanvas,
	parseCapy,
	parseCoordinates,
	parseDataDome,
	parseGeetest,
	parseGeetestV4,
	parseGrid,
	parseLemin,
	parseRecaptcha,
	parseRotate,
	parseTencent,
	parseText,
	parseToken,
	parseTurnstile,
} from '../../catalogue/parsers';
import { uploadNames } from '../../catalogue/toProperties';
import { MAX_NUMBER } from '../../catalogue/toRequest';
import type { AnswerParser, CaptchaMethod, FieldSpec, UploadSpec } from '../../catalogue/types';

/** A field of a type under the name Solve Any Captcha's parameters take (the node's parameter name). */
export interface TypeField {
	/** Key in the parameters object. */
	key: string;
	required: boolean;
	/** The catalogue's field, or the upload. */
	field?: FieldSpec;
	upload?: UploadSpec;
}

/** Every field of a type, required first: the catalogue's fields, its options and its uploads (as base64 text). */
export function typeFields(method: CaptchaMethod): TypeField[] {
	const uploads = method.uploads ?? [];
	return [
		...uploads.filter((u) => u.required).map((upload) => ({ key: upload.namePrefix, required: true, upload })),
		...method.fields.map((field) => ({ key: field.name, required: true, field })),
		...method.options.map((field) => ({ key: field.name, required: false, field })),
		...uploads.filter((u) => !u.required).map((upload) => ({ key: upload.namePrefix, required: false, upload })),
	];
}

/** 'reCAPTCHA V2', 'recaptcha_v2' and 'recaptchaV2' are the same type: letters and digits, lower case. */
const normalized = (text: string) => text.toLowerCase().replace(/[^a-z0-9]/g, '');

/** The type a text names: its operation value or its name, in any case and spacing; undefined when none does. */
export function findCaptchaType(text: string): CaptchaMethod | undefined {
	const exact = getMethod(text.trim());
	if (exact) return exact;
	const wanted = normalized(text);
	if (!wanted) return undefined;
	return (
		captchaMethods.find((m) => normalized(m.value) === wanted) ?? captchaMethods.find((m) => normalized(m.name) === wanted)
	);
}

/** Every type's operation value, for error messages. */
export function typeValues(): string {
	return captchaMethods.map((m) => m.value).join(', ');
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
		case 'proxy':
			return 'login:password@host:port or host:port';
		default:
			return field.maxLength ? `text, at most ${field.maxLength} characters` : 'text';
	}
}

function uploadKind(upload: UploadSpec): string {
	const what = upload.kind === 'audio' ? 'MP3 audio' : 'JPG, PNG or GIF image';
	const kib = Math.round(upload.maxBytes / 1024);
	return `${what} as base64 text or a data: URI, at most ${kib} kB (never a web address)`;
}

/** One line per field: what it takes, then what it means. An optional field left out is not sent at all. */
export function fieldHelp(entry: TypeField): string {
	if (entry.upload) return `${uploadKind(entry.upload)}. ${entry.upload.displayName}`;
	const field = entry.field!;
	return `${valueKind(field)}. ${field.description ?? field.displayName}`;
}

/** The catalogue's answer parsers and the solution each outputs. */
const SOLUTION_SHAPES = new Map<AnswerParser, string>([
	[parseText, 'text: the answer as the worker typed it'],
	[parseToken, 'text: the token to submit with the page’s form'],
	[parseRecaptcha, 'text: the g-recaptcha-response token (plus cookies when cookies were sent)'],
	[parseTurnstile, 'text: the cf-turnstile-response token (plus userAgent, the User-Agent the token is bound to)'],
	[parseGrid, 'list of cell numbers to click, from 1, left to right, top to bottom (plus noMatchingImages)'],
	[parseCanvas, 'list of areas, each a list of points {x, y} (plus noMatchingImages)'],
	[parseCoordinates, 'list of points {x, y} in pixels from the top left corner (plus noMatchingImages)'],
	[parseBoundingBoxes, 'list of boxes {xMin, xMax, yMin, yMax} (plus noMatchingImages)'],
	[parseRotate, 'list of angles in degrees, one per image, clockwise when positive'],
	[parseGeetest, 'object {challenge, validate, seccode}'],
	[parseGeetestV4, 'object {captcha_id, lot_number, pass_token, gen_time, captcha_output}'],
	[parseCapy, 'object {captchakey, challengekey, answer}'],
	[parseLemin, 'object {answer, challenge_id}'],
	[parseAmazonWaf, 'object {captcha_voucher, existing_token}'],
	[parseTencent, 'object {ticket, randstr}'],
	[parseDataDome, 'text: the datadome cookie "datadome=…; Domain=…" (plus cookie, its parts)'],
]);

/** The solution's shape for a type; a parser without an entry above is described by the type's own description. */
export function solutionShape(method: CaptchaMethod): string {
	return SOLUTION_SHAPES.get(method.parse) ?? 'as 2Captcha answers it: text, or an object for structured answers (see description)';
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
