'use strict';
/**
 * Test client for the sandbox over real HTTP: sends parameters as a GET query, urlencoded body, multipart body
 * or JSON body, and parses the answer.
 */

/**
 * call(sandbox, 'in.php', params, { as, files, key, json }) → { httpStatus, text, body }
 * as: 'query' | 'form' (default) | 'multipart' | 'json'; files: [{ field, data, filename, contentType }];
 * key defaults to sandbox.apiKey (null sends none); json (default true) adds json=1 and parses the body.
 */
async function call(sandbox, endpoint, params = {}, { as = 'form', files = [], key = sandbox.apiKey, json = true } = {}) {
	const all = { ...(key !== null && { key }), ...params, ...(json && { json: 1 }) };
	const strings = Object.fromEntries(Object.entries(all).map(([name, value]) => [name, String(value)]));
	let url = `${sandbox.url}/${endpoint}`;
	const init = { method: 'POST' };
	if (as === 'query') {
		url += `?${new URLSearchParams(strings)}`;
		init.method = 'GET';
	} else if (as === 'json') {
		init.headers = { 'content-type': 'application/json' };
		init.body = JSON.stringify(all);
	} else if (as === 'multipart' || files.length > 0) {
		const form = new FormData();
		for (const [name, value] of Object.entries(strings)) form.append(name, value);
		for (const file of files) form.append(file.field, new Blob([file.data], { type: file.contentType ?? 'image/png' }), file.filename ?? 'captcha.png');
		init.body = form;
	} else {
		init.body = new URLSearchParams(strings);
	}
	const response = await fetch(url, init);
	const text = await response.text();
	return { httpStatus: response.status, text, body: json ? JSON.parse(text) : text };
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Submits and returns the captcha id, failing loudly when in.php refuses. */
async function submit(sandbox, params, options) {
	const { body } = await call(sandbox, 'in.php', params, options);
	if (body.status !== 1) throw new Error(`in.php refused ${JSON.stringify(params.method)}: ${body.request}`);
	return body.request;
}

/** Polls res.php until the task leaves CAPCHA_NOT_READY; returns the JSON answer. */
async function waitForResult(sandbox, id, { action = 'get', intervalMs = 5, timeoutMs = 5000 } = {}) {
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		const { body } = await call(sandbox, 'res.php', { action, id });
		if (body.request !== 'CAPCHA_NOT_READY') return body;
		await sleep(intervalMs);
	}
	throw new Error(`captcha ${id} not ready after ${timeoutMs} ms`);
}

module.exports = { call, submit, waitForResult, sleep };
