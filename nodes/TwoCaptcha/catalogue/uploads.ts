/** Upload specs shared by the image and audio methods, with the spec's size limits, and how base64 uploads are sent. */
import { FieldError, type InPhpParams } from './toRequest';
import type { UploadSpec } from './types';

const KB = 1024;

/** The captcha image itself: base64 `body` or multipart `file` (600 kB is the spec's limit for grid images). */
export const captchaImage = (overrides: Partial<UploadSpec> = {}): UploadSpec => ({
	base64Param: 'body',
	multipartParam: 'file',
	kind: 'image',
	minBytes: 100,
	maxBytes: 600 * KB,
	required: true,
	namePrefix: 'image',
	displayName: 'Captcha Image',
	...overrides,
});

/** Optional image with the instruction for the worker (max 400x150 px, 100 kB). */
export const instructionsImage = (overrides: Partial<UploadSpec> = {}): UploadSpec => ({
	base64Param: 'imginstructions',
	multipartParam: 'imginstructions',
	kind: 'image',
	minBytes: 100,
	maxBytes: 100 * KB,
	required: false,
	namePrefix: 'instructionsImage',
	displayName: 'Instructions Image',
	...overrides,
});

/**
 * An image that only travels as a base64 string parameter (Temu, VK Image, Drag and Drop: every official library
 * sends them so, never as multipart files). Bare base64, without a `data:` prefix: the form the working examples use.
 * The size limits are the image methods' (600 kB); 2Captcha states none for these methods.
 */
export const base64Image = (base64Param: string, namePrefix: string, displayName: string, overrides: Partial<UploadSpec> = {}): UploadSpec =>
	captchaImage({ base64Param, multipartParam: undefined, namePrefix, displayName, ...overrides });

export interface Base64Upload {
	spec: UploadSpec;
	data: Buffer;
	/** The parameter, when the user named it (a 'named' list); else the spec's base64Param. */
	param?: string;
}

/**
 * Adds base64 uploads to the in.php parameters: each under its parameter, the files of a 'jsonArray' list as ONE
 * parameter holding the JSON array of their base64 strings. A parameter set twice is refused.
 */
export function addBase64Uploads(params: InPhpParams, uploads: Base64Upload[]): void {
	const lists = new Map<string, { spec: UploadSpec; items: string[] }>();
	const set = (spec: UploadSpec, param: string, value: string) => {
		if (param in params) throw new FieldError(spec.displayName, `sets the parameter "${param}", which is already set`);
		params[param] = value;
	};
	for (const { spec, data, param = spec.base64Param } of uploads) {
		if (spec.list !== 'jsonArray') set(spec, param, data.toString('base64'));
		else if (lists.has(param)) lists.get(param)!.items.push(data.toString('base64'));
		else lists.set(param, { spec, items: [data.toString('base64')] });
	}
	for (const [param, { spec, items }] of lists) set(spec, param, JSON.stringify(items));
}
