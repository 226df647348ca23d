import type { IExecuteFunctions } from 'n8n-workflow';

import { uploadNames } from '../../catalogue/toProperties';
import { FieldError } from '../../catalogue/toRequest';
import type { UploadSpec } from '../../catalogue/types';

export interface ResolvedUpload {
	spec: UploadSpec;
	data: Buffer;
	/** True when the content came from a binary property (then it may go as a multipart file). */
	fromBinary: boolean;
	filename: string;
	contentType: string;
}

/** Reads and checks one upload of an item: from a binary property or a base64 string, size and format per the spec. */
export async function resolveUpload(
	ctx: IExecuteFunctions,
	itemIndex: number,
	spec: UploadSpec,
	options: Record<string, unknown>,
): Promise<ResolvedUpload | undefined> {
	const names = uploadNames(spec);
	const label = spec.displayName;
	let data: Buffer;
	let fromBinary: boolean;
	if (spec.required) {
		fromBinary = ctx.getNodeParameter(names.source, itemIndex) === 'binary';
		data = fromBinary
			? await readBinary(ctx, itemIndex, String(ctx.getNodeParameter(names.binaryProperty, itemIndex)), label)
			: decodeBase64(String(ctx.getNodeParameter(names.base64, itemIndex, '')), `${label} (Base64)`);
	} else {
		const property = String(options[names.binaryProperty] ?? '').trim();
		const base64 = String(options[names.base64] ?? '').trim();
		if (!property && !base64) return undefined;
		fromBinary = Boolean(property);
		data = property ? await readBinary(ctx, itemIndex, property, label) : decodeBase64(base64, `${label} (Base64)`);
	}
	const format = checkContent(spec, data);
	return { spec, data, fromBinary, filename: `${spec.namePrefix}.${format.ext}`, contentType: format.mime };
}

/** An upload given as base64 text or a data: URI (Solve Any Captcha), checked like every upload; `label` names it in errors. */
export function uploadFromBase64(spec: UploadSpec, text: string, label: string): ResolvedUpload {
	const data = decodeBase64(text, label);
	const format = checkContent({ ...spec, displayName: label }, data);
	return { spec, data, fromBinary: false, filename: `${spec.namePrefix}.${format.ext}`, contentType: format.mime };
}

async function readBinary(ctx: IExecuteFunctions, itemIndex: number, property: string, label: string): Promise<Buffer> {
	if (!property) throw new FieldError(`${label} Binary Field`, 'is required');
	const binary = ctx.getInputData()[itemIndex]?.binary?.[property];
	if (!binary) {
		throw new FieldError(`${label} Binary Field`, `the input item has no binary property "${property}"`);
	}
	return await ctx.helpers.getBinaryDataBuffer(itemIndex, property);
}

/** `field` names the upload in errors. */
function decodeBase64(text: string, field: string): Buffer {
	const body = text.trim().replace(/^data:[^,]*;base64,/, '').replace(/\s+/g, '');
	if (!body) throw new FieldError(field, 'is required and must not be empty');
	if (!/^[A-Za-z0-9+/_-]+={0,2}$/.test(body)) throw new FieldError(field, 'is not valid base64');
	return Buffer.from(body, 'base64');
}

interface Format {
	ext: string;
	mime: string;
}

const IMAGE_FORMATS: Array<{ magic: number[]; format: Format }> = [
	{ magic: [0xff, 0xd8, 0xff], format: { ext: 'jpg', mime: 'image/jpeg' } },
	{ magic: [0x89, 0x50, 0x4e, 0x47], format: { ext: 'png', mime: 'image/png' } },
	{ magic: [0x47, 0x49, 0x46, 0x38], format: { ext: 'gif', mime: 'image/gif' } },
];

/** The spec accepts JPG, PNG and GIF images and MP3 audio: recognised by their first bytes, not by a name. */
function checkContent(spec: UploadSpec, data: Buffer): Format {
	const label = spec.displayName;
	const kib = (bytes: number) => `${Math.round(bytes / 1024)} kB`;
	if (spec.minBytes !== undefined && data.length < spec.minBytes) {
		throw new FieldError(label, `is ${data.length} bytes; 2Captcha needs at least ${spec.minBytes} bytes`);
	}
	if (data.length > spec.maxBytes) {
		throw new FieldError(label, `is ${kib(data.length)}; 2Captcha accepts at most ${kib(spec.maxBytes)}`);
	}
	if (spec.kind === 'audio') {
		const id3 = data.subarray(0, 3).toString('latin1') === 'ID3';
		const frameSync = data[0] === 0xff && (data[1] & 0xe0) === 0xe0;
		if (!id3 && !frameSync) throw new FieldError(label, 'is not an MP3 file (2Captcha accepts MP3 audio only)');
		return { ext: 'mp3', mime: 'audio/mpeg' };
	}
	const match = IMAGE_FORMATS.find(({ magic }) => magic.every((byte, i) => data[i] === byte));
	if (!match) throw new FieldError(label, 'is not a JPG, PNG or GIF image');
	return match.format;
}
