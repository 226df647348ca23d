'use strict';
/** Recognises uploaded images and audio by their bytes, like the service does, and enforces the spec's size limits. */

const IMAGE_EXTENSIONS = ['jpg', 'jpeg', 'gif', 'png'];
const MIN_BYTES = 100;

function imageType(data) {
	if (data.length >= 3 && data[0] === 0xff && data[1] === 0xd8 && data[2] === 0xff) return 'jpg';
	if (data.length >= 8 && data.slice(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'png';
	if (data.length >= 6 && /^GIF8[79]a$/.test(data.slice(0, 6).toString('latin1'))) return 'gif';
	return null;
}

/** Walks JPEG segments up to the first start-of-frame marker, which holds the dimensions. */
function jpegSize(data) {
	let offset = 2;
	while (offset + 9 < data.length) {
		if (data[offset] !== 0xff) return null;
		const marker = data[offset + 1];
		const length = data.readUInt16BE(offset + 2);
		const isStartOfFrame = marker >= 0xc0 && marker <= 0xcf && ![0xc4, 0xc8, 0xcc].includes(marker);
		if (isStartOfFrame) return { width: data.readUInt16BE(offset + 7), height: data.readUInt16BE(offset + 5) };
		offset += 2 + length;
	}
	return null;
}

/** { width, height } of a jpg/png/gif, or null when the header does not say. */
function imageSize(data, type = imageType(data)) {
	if (type === 'png' && data.length >= 24) return { width: data.readUInt32BE(16), height: data.readUInt32BE(20) };
	if (type === 'gif' && data.length >= 10) return { width: data.readUInt16LE(6), height: data.readUInt16LE(8) };
	if (type === 'jpg') return jpegSize(data);
	return null;
}

/** MP3: an ID3 tag or an MPEG audio frame sync. */
function isMp3(data) {
	if (data.length >= 3 && data.slice(0, 3).toString('latin1') === 'ID3') return true;
	return data.length >= 2 && data[0] === 0xff && (data[1] & 0xe0) === 0xe0;
}

/** Decodes a base64 string (a data: URI prefix is tolerated); null when it is not base64. */
function decodeBase64(text) {
	const payload = String(text).replace(/^data:[^,]*;base64,/, '').replace(/\s+/g, '');
	if (!/^[A-Za-z0-9+/]*={0,2}$/.test(payload) || payload.length % 4 === 1) return null;
	return Buffer.from(payload, 'base64');
}

function extensionOf(filename) {
	const match = /\.([A-Za-z0-9]+)$/.exec(filename || '');
	return match ? match[1].toLowerCase() : null;
}

/**
 * Checks an image upload; returns an error code or null.
 * limits: { maxBytes, maxWidth, maxHeight }; filename: multipart file name (its extension is checked when present).
 */
function checkImage(data, limits, filename) {
	const extension = extensionOf(filename);
	if (extension && !IMAGE_EXTENSIONS.includes(extension)) return 'ERROR_WRONG_FILE_EXTENSION';
	if (data.length < MIN_BYTES) return 'ERROR_ZERO_CAPTCHA_FILESIZE';
	if (data.length > limits.maxBytes) return 'ERROR_TOO_BIG_CAPTCHA_FILESIZE';
	const type = imageType(data);
	if (!type) return 'ERROR_IMAGE_TYPE_NOT_SUPPORTED';
	const size = imageSize(data, type);
	if (size && (size.width > limits.maxWidth || size.height > limits.maxHeight)) return 'ERROR_TOO_BIG_CAPTCHA_FILESIZE';
	return null;
}

function checkAudio(data, maxBytes) {
	if (data.length < MIN_BYTES) return 'ERROR_ZERO_CAPTCHA_FILESIZE';
	if (data.length > maxBytes) return 'ERROR_TOO_BIG_CAPTCHA_FILESIZE';
	return isMp3(data) ? null : 'ERROR_IMAGE_TYPE_NOT_SUPPORTED';
}

module.exports = { imageType, imageSize, isMp3, decodeBase64, checkImage, checkAudio };
