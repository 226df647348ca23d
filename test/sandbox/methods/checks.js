'use strict';
/** Parameter checks shared by the method definitions; each returns the spec's error code, or null when fine. */
const { decodeBase64, checkImage } = require('../media');

const BAD = 'ERROR_BAD_PARAMETERS';
// reCAPTCHA sitekeys are 40 characters of [A-Za-z0-9_-]; shorter or other characters count as malformed.
const SITEKEY = /^[A-Za-z0-9_-]{20,100}$/;
const PROXY = /^(?:[^:@\s]+:[^@\s]+@)?([A-Za-z0-9.-]+):(\d{1,5})$/;
const PROXY_TYPES = ['HTTP', 'HTTPS', 'SOCKS4', 'SOCKS5'];
const MAX_INSTRUCTION_CHARS = 140;

/** Image limits from the spec: captcha images 600 kB and 1000 px a side; instruction images 100 kB, 400x150 px. */
const CAPTCHA_IMAGE = { maxBytes: 600 * 1024, maxWidth: 1000, maxHeight: 1000 };
const INSTRUCTION_IMAGE = { maxBytes: 100 * 1024, maxWidth: 400, maxHeight: 150 };

const present = (value) => value !== undefined && String(value).trim() !== '';

function isHttpUrl(value) {
	try {
		const { protocol } = new URL(String(value).trim());
		return protocol === 'http:' || protocol === 'https:';
	} catch {
		return false;
	}
}

/** The first present value among parameter aliases (e.g. `userAgent|useragent`). */
function pick(params, names) {
	const found = names.split('|').find((name) => present(params[name]));
	return found === undefined ? undefined : params[found];
}

const PARAMETER_RULES = {
	pageurl: (value) => (present(value) && isHttpUrl(value) ? null : 'ERROR_PAGEURL'),
	// The spec: ERROR_WRONG_GOOGLEKEY when googlekey is missing, ERROR_GOOGLEKEY when it is blank or malformed.
	googlekey: (value) => (value === undefined ? 'ERROR_WRONG_GOOGLEKEY' : SITEKEY.test(String(value).trim()) ? null : 'ERROR_GOOGLEKEY'),
};

/** Checks required parameters in order; names may list aliases separated by `|`. */
function checkRequired(params, names) {
	for (const name of names) {
		const rule = PARAMETER_RULES[name];
		const error = rule ? rule(params[name]) : pick(params, name) === undefined ? BAD : null;
		if (error) return error;
	}
	return null;
}

/** Proxy: `host:port` or `login:password@host:port`, proxytype one of HTTP, HTTPS, SOCKS4, SOCKS5. */
function checkProxy(params, required) {
	if (!present(params.proxy)) return required ? BAD : null;
	if (required && !present(params.proxytype)) return BAD;
	const match = PROXY.exec(String(params.proxy).trim());
	if (!match || Number(match[2]) < 1 || Number(match[2]) > 65535) return 'ERROR_PROXY_FORMAT';
	if (present(params.proxytype) && !PROXY_TYPES.includes(String(params.proxytype).trim().toUpperCase())) return 'ERROR_PROXY_FORMAT';
	return null;
}

/** `cookies`: KEY:Value pairs separated by `;`. `json_cookies`: an array of { domain, name, value, secure }. */
function checkCookies(params) {
	if (present(params.cookies)) {
		const pairs = String(params.cookies).split(';').filter((pair) => pair.trim() !== '');
		if (!pairs.every((pair) => /^\s*[^:\s][^:]*:/.test(pair))) return BAD;
	}
	if (present(params.json_cookies)) {
		let cookies;
		try {
			cookies = JSON.parse(params.json_cookies);
		} catch {
			return BAD;
		}
		const valid = (cookie) =>
			cookie && ['domain', 'name', 'value'].every((field) => typeof cookie[field] === 'string') && typeof cookie.secure === 'boolean';
		if (!Array.isArray(cookies) || !cookies.every(valid)) return BAD;
	}
	return null;
}

/** Integer flags such as numeric=0..4 or min_len=0..20: absent is fine, anything else must be an integer in range. */
function checkIntegers(params, ranges) {
	for (const [name, [min, max]] of Object.entries(ranges)) {
		if (!present(params[name])) continue;
		const value = Number(params[name]);
		if (!Number.isInteger(value) || value < min || value > max) return BAD;
	}
	return null;
}

function checkInstructionText(params) {
	return present(params.textinstructions) && [...String(params.textinstructions)].length > MAX_INSTRUCTION_CHARS ? BAD : null;
}

/**
 * Reads an upload named by one of `names`: a multipart file with that field name, or a base64 parameter.
 * Returns { data, filename } or { error } (ERROR_UPLOAD for data that is not base64), or null when absent.
 */
function readUpload(ctx, names) {
	for (const name of names) {
		const file = ctx.files.find((upload) => upload.field === name);
		if (file) return { data: file.data, filename: file.filename };
	}
	for (const name of names) {
		if (ctx.params[name] === undefined) continue;
		const data = decodeBase64(ctx.params[name]);
		return data ? { data, filename: undefined } : { error: 'ERROR_UPLOAD' };
	}
	return null;
}

/** The captcha image of image methods (`file` multipart or `body` base64 by default), stored on ctx.image. */
function requireImage(ctx, names = ['file', 'body']) {
	const upload = readUpload(ctx, names);
	if (!upload) return 'ERROR_ZERO_CAPTCHA_FILESIZE';
	if (upload.error) return upload.error;
	const error = checkImage(upload.data, CAPTCHA_IMAGE, upload.filename);
	if (!error) ctx.image = upload.data;
	return error;
}

/** The optional instruction image; `imginstructions` as a multipart file or base64. */
function checkInstructionImage(ctx) {
	const upload = readUpload(ctx, ['imginstructions']);
	if (!upload) return null;
	return upload.error || checkImage(upload.data, INSTRUCTION_IMAGE, upload.filename);
}

/** Grid and Bounding Box need an instruction: text or image. */
function requireInstruction(ctx) {
	const hasImage = ctx.files.some((file) => file.field === 'imginstructions') || present(ctx.params.imginstructions);
	return present(ctx.params.textinstructions) || hasImage ? null : BAD;
}

/** Runs checks in order and returns the first error. */
function firstError(...checks) {
	for (const check of checks) {
		const error = check();
		if (error) return error;
	}
	return null;
}

module.exports = {
	BAD,
	present,
	pick,
	isHttpUrl,
	checkRequired,
	checkProxy,
	checkCookies,
	checkIntegers,
	checkInstructionText,
	checkInstructionImage,
	requireInstruction,
	requireImage,
	readUpload,
	firstError,
};
