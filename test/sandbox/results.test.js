'use strict';
/** The res.php side: readiness, multi-get, get2, balance, reports, request encodings and the request log. */
const { startSandbox } = require('./index');
const { call, submit, waitForResult, sleep } = require('./client');
const { METHOD_CASES } = require('./method-cases');

const paramsOf = (key) => METHOD_CASES.find((c) => c.key === key).params;
const turnstile = paramsOf('turnstile');
const recaptcha = paramsOf('userrecaptcha');
const geetest = paramsOf('geetest');
const error = (code) => ({ status: 0, request: code, error_text: expect.any(String) });

let sandbox;
beforeEach(async () => {
	// Turnstile and Geetest solve in 1 ms, reCAPTCHA stays pending for 20 s (scaled by 0.001 from seconds).
	sandbox = await startSandbox({
		timeScale: 0.001,
		solveTimes: { turnstile: { min: 1, max: 1 }, geetest: { min: 1, max: 1 }, userrecaptcha: { min: 20_000, max: 20_000 } },
	});
});
afterEach(() => sandbox.close());

const res = (params, options) => call(sandbox, 'res.php', params, options).then(({ body }) => body);

test('CAPCHA_NOT_READY until the drawn solve time has passed, then the answer', async () => {
	const slow = await startSandbox({ timeScale: 0.001, solveTimes: { '*': { min: 300, max: 300 } } });
	const id = await submit(slow, turnstile);
	expect((await call(slow, 'res.php', { action: 'get', id })).body).toEqual({ status: 0, request: 'CAPCHA_NOT_READY' });
	expect((await call(slow, 'res.php', { action: 'get', id }, { json: false })).body).toBe('CAPCHA_NOT_READY');
	await sleep(350);
	expect((await call(slow, 'res.php', { action: 'get', id })).body).toMatchObject({ status: 1, request: expect.stringMatching(/^0\./) });
	await slow.close();
});

test('default solve times are realistic: images 5-20 s, tokens 10-45 s', async () => {
	const defaults = await startSandbox({ timeScale: 0.001 });
	// Solve times are rounded to whole milliseconds: at timeScale 0.001 that is half a scaled second either way.
	const solveSeconds = async (params) => {
		const task = defaults.captchas.get(await submit(defaults, params));
		return task.readyAt - task.submittedAt;
	};
	for (let i = 0; i < 10; i++) {
		const image = await solveSeconds(paramsOf('grid'));
		const token = await solveSeconds(turnstile);
		expect(image >= 4.5 && image <= 20.5).toBe(true);
		expect(token >= 9.5 && token <= 45.5).toBe(true);
	}
	await defaults.close();
});

test('multi-get answers each id in the order asked, joined with |', async () => {
	const pending = await submit(sandbox, recaptcha);
	const solved = await submit(sandbox, turnstile);
	sandbox.setFaults({ unsolvableRate: 1 });
	const unsolvable = await submit(sandbox, turnstile);
	sandbox.setFaults({});
	const object = await submit(sandbox, geetest);
	await sleep(20);
	const ids = [pending, solved, unsolvable, object, '123', 'abc'].join(',');

	const { request } = await res({ action: 'get', ids });
	const token = sandbox.captchas.get(solved).answer;
	const geetestAnswer = JSON.stringify(sandbox.captchas.get(object).answer);
	const expected = ['CAPCHA_NOT_READY', token, 'ERROR_CAPTCHA_UNSOLVABLE', geetestAnswer, 'ERROR_WRONG_CAPTCHA_ID', 'ERROR_WRONG_ID_FORMAT'].join('|');
	expect(request).toBe(expected);
	expect(await res({ action: 'get', ids })).toEqual({ status: 1, request: expected });
	expect((await call(sandbox, 'res.php', { action: 'get', ids }, { json: false })).body).toBe(expected);
});

test('single get returns object answers as JSON objects and get2 adds the price', async () => {
	const id = await submit(sandbox, geetest);
	await sleep(10);
	const answer = sandbox.captchas.get(id).answer;
	expect(await res({ action: 'get', id })).toEqual({ status: 1, request: answer });
	expect(await res({ action: 'get2', id })).toEqual({ status: 1, request: answer, price: '0.00299' });
	const token = await submit(sandbox, turnstile);
	await sleep(10);
	const plain = (await call(sandbox, 'res.php', { action: 'get2', id: token }, { json: false })).body;
	expect(plain).toBe(`OK|${sandbox.captchas.get(token).answer}|0.00145`);
});

test('the balance falls per solved captcha, not for unsolvable ones, and reportbad refunds', async () => {
	// Here Turnstile takes 60 s (60 ms): a 1 ms solve could be charged before we look, on a busy machine.
	await sandbox.close();
	sandbox = await startSandbox({ timeScale: 0.001, solveTimes: { turnstile: { min: 60, max: 60 } } });
	expect(await res({ action: 'getbalance' })).toEqual({ status: 1, request: '100' });
	const id = await submit(sandbox, turnstile);
	expect(sandbox.balance(sandbox.apiKey)).toBe(100); // charged when solved, not when submitted
	await waitForResult(sandbox, id);
	expect((await call(sandbox, 'res.php', { action: 'getbalance' }, { json: false })).body).toBe('99.99855');

	sandbox.setFaults({ unsolvableRate: 1 });
	await waitForResult(sandbox, await submit(sandbox, turnstile));
	expect(sandbox.balance(sandbox.apiKey)).toBe(99.99855);

	expect(await res({ action: 'reportbad', id })).toEqual({ status: 1, request: 'OK_REPORT_RECORDED' });
	expect(sandbox.balance(sandbox.apiKey)).toBe(100);
	expect(await res({ action: 'reportbad', id })).toEqual(error('ERROR_DUPLICATE_REPORT'));
	expect(await res({ action: 'reportgood', id })).toEqual(error('ERROR_DUPLICATE_REPORT'));
});

test('reportgood is recorded once; reports on unsolved tasks are not recorded', async () => {
	const id = await submit(sandbox, turnstile);
	await waitForResult(sandbox, id);
	expect((await call(sandbox, 'res.php', { action: 'reportgood', id }, { json: false })).body).toBe('OK_REPORT_RECORDED');
	expect(sandbox.captchas.get(id).report).toBe('good');
	expect(await res({ action: 'reportgood', id })).toEqual(error('ERROR_DUPLICATE_REPORT'));
	expect(await res({ action: 'reportbad', id: await submit(sandbox, recaptcha) })).toEqual(error('ERROR_REPORT_NOT_RECORDED'));
});

test('ids: wrong format, unknown, and other accounts\' tasks', async () => {
	const otherKey = 'f'.repeat(32);
	sandbox.addKey(otherKey, 5);
	expect(sandbox.balance(otherKey)).toBe(5);
	const id = await submit(sandbox, turnstile);
	expect(await res({ action: 'get', id: 'abc' })).toEqual(error('ERROR_WRONG_ID_FORMAT'));
	expect(await res({ action: 'get' })).toEqual(error('ERROR_WRONG_ID_FORMAT'));
	expect(await res({ action: 'get', id: '999' })).toEqual(error('ERROR_WRONG_CAPTCHA_ID'));
	expect((await call(sandbox, 'res.php', { action: 'get', id }, { key: otherKey })).body).toEqual(error('ERROR_WRONG_CAPTCHA_ID'));
	expect(await res({})).toEqual(error('ERROR_EMPTY_ACTION'));
});

test('a balance below the price answers ERROR_ZERO_BALANCE', async () => {
	const poorKey = 'a'.repeat(32);
	sandbox.addKey(poorKey, 0.001);
	expect((await call(sandbox, 'in.php', turnstile, { key: poorKey })).body).toEqual(error('ERROR_ZERO_BALANCE'));
	expect((await call(sandbox, 'in.php', paramsOf('normal'), { key: poorKey, files: METHOD_CASES[0].files })).body.status).toBe(1);
});

describe('request encodings', () => {
	test.each(['query', 'form', 'multipart', 'json'])('in.php and res.php accept parameters as %s', async (as) => {
		const id = await submit(sandbox, turnstile, { as });
		expect((await call(sandbox, 'res.php', { action: 'get', id }, { as })).body.status).toBe(1);
		const plain = await call(sandbox, 'in.php', turnstile, { as, json: false });
		expect(plain.body).toMatch(/^OK\|\d+$/);
		const entry = sandbox.log.filter((e) => e.endpoint === 'in.php').at(-1);
		expect(entry.params).toMatchObject({ key: '***', method: 'turnstile', sitekey: turnstile.sitekey, pageurl: turnstile.pageurl });
		expect(entry.httpMethod).toBe(as === 'query' ? 'GET' : 'POST');
	});

	test('JSON bodies may carry numbers and nested data[...] objects', async () => {
		const funcaptcha = { ...paramsOf('funcaptcha'), data: { blob: 'xyz' } };
		expect((await call(sandbox, 'in.php', funcaptcha, { as: 'json' })).body.status).toBe(1);
		expect(sandbox.log.at(-1).params['data[blob]']).toBe('xyz');
	});

	test('a malformed body answers ERROR_UPLOAD', async () => {
		const response = await fetch(`${sandbox.url}/in.php`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"key":' });
		expect(await response.text()).toBe('ERROR_UPLOAD');
	});

	test('like the service, a body without a form or JSON content type is not read', async () => {
		const body = new URLSearchParams({ key: sandbox.apiKey, action: 'getbalance' }).toString();
		const response = await fetch(`${sandbox.url}/res.php`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body });
		expect(await response.text()).toBe('ERROR_WRONG_USER_KEY');
		expect(sandbox.log.at(-1)).toMatchObject({ ignoredBody: 'text/plain', params: {} });
	});

	test('header_acao=1 adds Access-Control-Allow-Origin', async () => {
		const response = await fetch(`${sandbox.url}/res.php?key=${sandbox.apiKey}&action=getbalance&header_acao=1`);
		expect(response.headers.get('access-control-allow-origin')).toBe('*');
	});

	test('unknown paths answer an HTML 404', async () => {
		const response = await fetch(`${sandbox.url}/api.php`);
		expect(response.status).toBe(404);
		expect(await response.text()).toContain('<html>');
	});
});

test('the log records parsed parameters, uploads and responses, never the key', async () => {
	const normal = METHOD_CASES.find((c) => c.name === 'normal, multipart');
	const id = await submit(sandbox, normal.params, { files: normal.files });
	await call(sandbox, 'res.php', { action: 'get', id });
	const [submitted, polled] = sandbox.log;
	expect(submitted).toMatchObject({
		endpoint: 'in.php',
		at: expect.any(Number),
		params: { key: '***', method: 'post', json: '1' },
		files: [{ field: 'file', filename: 'captcha.png', bytes: normal.files[0].data.length }],
		response: { status: 1, request: id },
	});
	expect(polled).toMatchObject({ endpoint: 'res.php', params: { action: 'get', id } });
	await submit(sandbox, paramsOf('grid'));
	expect(sandbox.log.at(-1).params.body).toMatch(/^\[\d+ chars\]$/);
	expect(JSON.stringify(sandbox.log)).not.toContain(sandbox.apiKey);
	expect(JSON.stringify([...sandbox.captchas.values()])).not.toContain(sandbox.apiKey);
});
