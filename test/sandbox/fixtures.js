'use strict';
/**
 * Synthetic uploads for tests: byte-exact headers (magic bytes and dimensions) padded to a chosen size.
 * The sandbox only reads headers, so these are accepted like real images / mp3 files.
 */

/** Pads `head` with a trailing filler up to `bytes` (never shorter than the head). */
const pad = (head, bytes) => Buffer.concat([head, Buffer.alloc(Math.max(0, bytes - head.length), 0x20)]);

function png(width = 300, height = 300, bytes = 1024) {
	const ihdr = Buffer.alloc(25);
	ihdr.writeUInt32BE(13, 0);
	ihdr.write('IHDR', 4, 'latin1');
	ihdr.writeUInt32BE(width, 8);
	ihdr.writeUInt32BE(height, 12);
	ihdr.writeUInt8(8, 16); // bit depth; colour type, compression, filter, interlace and CRC stay 0
	return pad(Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), ihdr]), bytes);
}

function gif(width = 300, height = 300, bytes = 1024) {
	const head = Buffer.alloc(10);
	head.write('GIF89a', 0, 'latin1');
	head.writeUInt16LE(width, 6);
	head.writeUInt16LE(height, 8);
	return pad(head, bytes);
}

function jpeg(width = 300, height = 300, bytes = 1024) {
	const app0 = Buffer.from([0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00]);
	const sof0 = Buffer.from([0xff, 0xc0, 0x00, 0x11, 0x08, height >> 8, height & 0xff, width >> 8, width & 0xff, 0x03, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1]);
	return pad(Buffer.concat([Buffer.from([0xff, 0xd8]), app0, sof0]), bytes);
}

function mp3(bytes = 2048) {
	return pad(Buffer.from('ID3\x04\x00\x00\x00\x00\x00\x00', 'latin1'), bytes);
}

module.exports = { png, gif, jpeg, mp3 };
