'use strict';
/**
 * Reads an in.php / res.php request into flat string parameters and uploads, wherever the client put them:
 * GET query, urlencoded body, multipart body or JSON body (body values override query values, like PHP's $_REQUEST).
 */
const { parseMultipart } = require('./multipart');

const MAX_BODY_BYTES = 10 * 1024 * 1024;

class BodyTooLargeError extends Error {}

function readBody(req) {
	return new Promise((resolve, reject) => {
		const chunks = [];
		let size = 0;
		req.on('data', (chunk) => {
			size += chunk.length;
			if (size > MAX_BODY_BYTES) {
				reject(new BodyTooLargeError('request body too large'));
				req.removeAllListeners('data');
				req.resume();
				return;
			}
			chunks.push(chunk);
		});
		req.on('end', () => resolve(Buffer.concat(chunks)));
		req.on('error', reject);
	});
}

/** JSON bodies carry numbers and nested objects: `{ data: { blob: 'x' } }` becomes `data[blob]=x`, arrays stay JSON text. */
function flattenJson(object) {
	const params = {};
	for (const [name, value] of Object.entries(object)) {
		if (value === null || value === undefined) continue;
		if (Array.isArray(value)) params[name] = JSON.stringify(value);
		else if (typeof value === 'object') {
			for (const [inner, innerValue] of Object.entries(value)) {
				params[`${name}[${inner}]`] = typeof innerValue === 'object' ? JSON.stringify(innerValue) : String(innerValue);
			}
		} else params[name] = String(value);
	}
	return params;
}

/**
 * Like the service (PHP), only urlencoded, multipart and JSON bodies are read; a body of any other content type
 * (text/plain, none) is ignored, so a client that forgets the content type sees what it would see there.
 */
function parseBody(body, contentType) {
	const type = (contentType || '').toLowerCase();
	if (type.startsWith('multipart/form-data')) return parseMultipart(body, contentType);
	if (type.startsWith('application/x-www-form-urlencoded')) return { fields: Object.fromEntries(new URLSearchParams(body.toString('utf8'))), files: [] };
	if (type.includes('json')) {
		const parsed = JSON.parse(body.toString('utf8'));
		if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('JSON body is not an object');
		return { fields: flattenJson(parsed), files: [] };
	}
	return null;
}

/**
 * Resolves to { params, files, rawBody, bodyError?, ignoredBody? }: a malformed body leaves only the query parameters and a
 * bodyError; an unread body is reported as ignoredBody (its content type).
 */
async function parseRequest(req, url) {
	const query = Object.fromEntries(url.searchParams);
	const body = await readBody(req);
	const rawBody = body.toString('latin1'); // what an echo page (hostile mode) sends back
	if (body.length === 0) return { params: query, files: [], rawBody };
	try {
		const parsed = parseBody(body, req.headers['content-type']);
		if (!parsed) return { params: query, files: [], rawBody, ignoredBody: req.headers['content-type'] || 'none' };
		return { params: { ...query, ...parsed.fields }, files: parsed.files, rawBody };
	} catch (error) {
		return { params: query, files: [], rawBody, bodyError: error.message };
	}
}

module.exports = { parseRequest, BodyTooLargeError };
