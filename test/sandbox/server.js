'use strict';
/**
 * The HTTP front: routes /in.php and /res.php (GET or POST), logs every request with its parameters (key redacted),
 * injects transport faults, authenticates the key and encodes the reply as JSON (json=1) or plain text.
 */
const { parseRequest, BodyTooLargeError } = require('./request');
const { handleIn } = require('./in-php');
const { handleRes } = require('./res-php');
const { handleControl } = require('./control');
const { encode, fail } = require('./reply');
const { HTML_502 } = require('./faults');

const ENDPOINTS = { '/in.php': 'in.php', '/res.php': 'res.php' };
const LONG_VALUE_CHARS = 256;

const htmlPage = (status, title) => `<html>\r\n<head><title>${status} ${title}</title></head>\r\n<body>\r\n<center><h1>${status} ${title}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n`;

function sendHtml(res, status, body) {
	res.writeHead(status, { 'content-type': 'text/html', 'content-length': Buffer.byteLength(body) });
	res.end(body);
}

/** Parameters as logged: the key (wherever it appears) becomes ***, long values (base64 images) a length. */
function redact(params) {
	const key = params.key;
	return Object.fromEntries(
		Object.entries(params).map(([name, value]) => {
			if (name === 'key' || (key && value === key)) return [name, '***'];
			// Captcha ids stay whole however many are asked for: tests match answers to them.
			if (name === 'ids') return [name, value];
			return [name, value.length > LONG_VALUE_CHARS ? `[${value.length} chars]` : value];
		}),
	);
}

const wantsJson = (params) => params.json === '1' || params.json === 'true';

const escapeHtml = (text) => text.replace(/[&<>]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;' })[c]);
let oversized = { bytes: 0, body: Buffer.alloc(0) };

/** Hostile mode: a proxy's error page that shows the whole request, decoded (secrets first) and as sent. */
function echoPage(status, request) {
	const first = ['key', 'proxy', 'pingback'];
	const names = Object.keys(request.params).sort((a, b) => (first.includes(b) ? 1 : 0) - (first.includes(a) ? 1 : 0));
	const decoded = names.map((name) => `${name} = ${request.params[name]}`).join('\n');
	return `<html><head><title>${status}</title></head><body><pre>${escapeHtml(decoded)}</pre><p>Request body:</p><pre>${escapeHtml(request.rawBody ?? '')}</pre></body></html>\r\n`;
}

function injectFault(fault, req, res, hung, request, services) {
	if (fault === 'html502') return sendHtml(res, 502, HTML_502);
	if (fault === 'echo') {
		const status = services.faults.pick([400, 502]);
		return sendHtml(res, status, echoPage(status, request));
	}
	if (fault === 'nonUtf8') {
		const body = Buffer.concat([Buffer.from('OK|'), Buffer.from([0xff, 0xfe, 0xc3, 0x28]), Buffer.from('12345')]);
		res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8', 'content-length': body.length });
		return res.end(body);
	}
	if (fault === 'oversize') {
		const bytes = services.faults.current.oversizeBytes;
		if (oversized.bytes !== bytes) oversized = { bytes, body: Buffer.alloc(bytes, '9') };
		res.writeHead(200, { 'content-type': 'text/plain' }); // no length: the client must stop reading by itself
		res.write('OK|');
		return res.end(oversized.body);
	}
	if (fault === 'trickle') {
		// One byte a (scaled) second, never finished: only the client's per-request timeout ends it.
		res.writeHead(200, { 'content-type': 'text/plain' });
		hung.add(res);
		const drip = setInterval(() => res.write('1'), Math.max(1, services.scaleMs(1)));
		res.on('close', () => {
			clearInterval(drip);
			hung.delete(res);
		});
		return res.write('OK|');
	}
	if (fault === 'reset') {
		const socket = req.socket;
		return typeof socket.resetAndDestroy === 'function' ? socket.resetAndDestroy() : socket.destroy();
	}
	// hang: keep the connection open without answering until the client gives up or the sandbox closes.
	hung.add(res);
	res.on('close', () => hung.delete(res));
}

function answer(endpoint, request, ip, services, note) {
	const { accounts, limits } = services;
	if (limits.ipBanned(ip)) return fail('ERROR: 1004');
	if (request.bodyError) return fail(endpoint === 'in.php' ? 'ERROR_UPLOAD' : 'ERROR_BAD_PARAMETERS');
	const { account, error } = accounts.authenticate(request.params.key);
	if (error) {
		limits.wrongKey(ip);
		return fail(error);
	}
	return endpoint === 'in.php' ? handleIn(request, account, services, note) : handleRes(request, account, services, ip, note);
}

function createHandler(services) {
	const hung = new Set();
	const handler = async (req, res) => {
		const url = new URL(req.url, 'http://sandbox');
		if (url.pathname.startsWith('/sandbox/')) return handleControl(req, res, url, services);
		const endpoint = ENDPOINTS[url.pathname];
		if (!endpoint) return sendHtml(res, 404, htmlPage(404, 'Not Found'));

		let request;
		try {
			request = await parseRequest(req, url);
		} catch (error) {
			if (error instanceof BodyTooLargeError) return sendHtml(res, 413, htmlPage(413, 'Request Entity Too Large'));
			throw error;
		}
		const ip = req.socket.remoteAddress;
		const entry = {
			endpoint,
			at: Date.now(),
			httpMethod: req.method,
			params: redact(request.params),
			files: request.files.map(({ field, filename, contentType, data }) => ({ field, filename, contentType, bytes: data.length })),
			faults: [],
			...(request.bodyError && { bodyError: request.bodyError }),
			...(request.ignoredBody && { ignoredBody: request.ignoredBody }),
		};
		services.log(entry);

		const fault = services.faults.transport();
		if (fault) {
			entry.faults.push(fault);
			return injectFault(fault, req, res, hung, request, services);
		}
		// Records a fault that fired while answering; returns true so it can sit inside a condition.
		const note = (name) => entry.faults.push(name) > 0;
		const reply = answer(endpoint, request, ip, services, note);
		entry.response = { status: reply.status, request: reply.request };
		const { contentType, body } = encode(reply, wantsJson(request.params));
		const headers = { 'content-type': contentType, 'content-length': Buffer.byteLength(body) };
		if (request.params.header_acao === '1') headers['access-control-allow-origin'] = '*';
		res.writeHead(200, headers);
		res.end(body);
	};
	return (req, res) =>
		handler(req, res).catch((error) => {
			services.log({ endpoint: 'error', at: Date.now(), message: error.message });
			if (!res.headersSent) sendHtml(res, 500, htmlPage(500, 'Internal Server Error'));
		});
}

module.exports = { createHandler };
