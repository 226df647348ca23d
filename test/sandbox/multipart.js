'use strict';
/** A small multipart/form-data parser: fields become strings, uploads become { field, filename, contentType, data }. */

function boundaryOf(contentType) {
	const match = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType);
	return match ? (match[1] || match[2]).trim() : null;
}

function parseHeaders(text) {
	const headers = {};
	for (const line of text.split('\r\n')) {
		const colon = line.indexOf(':');
		if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
	}
	return headers;
}

function dispositionValue(disposition, name) {
	const match = new RegExp(`(?:^|;)\\s*${name}="((?:[^"\\\\]|\\\\.)*)"`, 'i').exec(disposition);
	if (match) return match[1].replace(/\\(.)/g, '$1');
	const bare = new RegExp(`(?:^|;)\\s*${name}=([^;]+)`, 'i').exec(disposition);
	return bare ? bare[1].trim() : undefined;
}

/**
 * A part is an upload when it names a file or declares a non-text content type
 * (some clients append a Buffer without a filename).
 */
function isUpload(filename, contentType) {
	return filename !== undefined || (contentType !== undefined && !/^text\//i.test(contentType));
}

/** Returns { fields, files } or throws when the body is not valid multipart. */
function parseMultipart(body, contentType) {
	const boundary = boundaryOf(contentType);
	if (!boundary) throw new Error('multipart body without boundary');
	const delimiter = Buffer.from(`--${boundary}`);
	const fields = {};
	const files = [];
	let position = body.indexOf(delimiter);
	if (position < 0) throw new Error('multipart boundary not found');
	while (true) {
		position += delimiter.length;
		if (body.slice(position, position + 2).toString() === '--') break;
		const headerEnd = body.indexOf('\r\n\r\n', position);
		const next = body.indexOf(delimiter, headerEnd);
		if (headerEnd < 0 || next < 0) throw new Error('truncated multipart body');
		const headers = parseHeaders(body.slice(position, headerEnd).toString('utf8'));
		// The part's data ends with the CRLF that precedes the next delimiter.
		const data = body.slice(headerEnd + 4, next - 2);
		const disposition = headers['content-disposition'] || '';
		const field = dispositionValue(disposition, 'name');
		const filename = dispositionValue(disposition, 'filename');
		if (field !== undefined) {
			if (isUpload(filename, headers['content-type'])) {
				files.push({ field, filename: filename ?? '', contentType: headers['content-type'] ?? '', data });
			} else {
				fields[field] = data.toString('utf8');
			}
		}
		position = next;
	}
	return { fields, files };
}

module.exports = { parseMultipart };
