/** Upload specs shared by the image and audio methods, with the spec's size limits. */
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
