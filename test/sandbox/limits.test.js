'use strict';
/** The spec's request limits: MAX_USER_TURN, ERROR: 1005, ERROR: 1004 and the key checks. */
const { startSandbox } = require('./index');
const { createLimits } = require('./limits');
const { call, submit, sleep } = require('./client');
const { METHOD_CASES } = require('./method-cases');

const turnstile = METHOD_CASES.find((c) => c.key === 'turnstile').params;
const error = (code) => ({ status: 0, request: code, error_text: expect.any(String) });
const codes = (bodies) => bodies.map((body) => (body.status === 1 ? 'OK' : body.request));

let sandbox;
afterEach(() => sandbox?.close());

test('more than 60 in.php requests within 3 s: MAX_USER_TURN until the ban ends', async () => {
	// Real 3 s window and 60-request threshold; the 10 s ban shortened to 200 ms so the test can see it lift.
	sandbox = await startSandbox({ limits: { inBanSec: 0.2 } });
	const bodies = await Promise.all(Array.from({ length: 61 }, () => call(sandbox, 'in.php', turnstile).then((r) => r.body)));
	expect(codes(bodies).filter((code) => code === 'OK')).toHaveLength(60);
	expect(codes(bodies).filter((code) => code === 'MAX_USER_TURN')).toHaveLength(1);
	expect((await call(sandbox, 'in.php', turnstile)).body).toEqual(error('MAX_USER_TURN'));
	expect((await call(sandbox, 'res.php', { action: 'getbalance' })).body.status).toBe(1); // res.php is not affected
	await sleep(250);
	expect((await call(sandbox, 'in.php', turnstile)).body.status).toBe(1);
});

test('the res.php budget uses the spec\'s numbers: R > 20·C + 1200', () => {
	// Counted directly (1200+ HTTP requests would only slow the suite; the HTTP path is covered below).
	const limits = createLimits({ scaleMs: (seconds) => seconds * 1000 });
	const account = {};
	const answers = Array.from({ length: 1201 }, () => limits.resRequest(account));
	expect(answers.slice(0, 1200).every((answer) => answer === null)).toBe(true);
	expect(answers[1200]).toBe('ERROR: 1005');

	const uploader = {};
	limits.captchaAccepted(uploader);
	const budget = Array.from({ length: 1221 }, () => limits.resRequest(uploader));
	expect(budget.indexOf('ERROR: 1005')).toBe(1220);
});

test('over HTTP: each uploaded captcha raises the res.php budget, and the ban lifts', async () => {
	sandbox = await startSandbox({ limits: { resBase: 5, resPerCaptcha: 3, resBanSec: 0.2 } });
	const id = await submit(sandbox, turnstile);
	const statuses = [];
	for (let i = 0; i < 9; i++) statuses.push((await call(sandbox, 'res.php', { action: 'get', id })).body.request);
	expect(statuses.slice(0, 8).every((status) => status === 'CAPCHA_NOT_READY')).toBe(true);
	expect(statuses[8]).toBe('ERROR: 1005');
	expect(sandbox.log.at(-1).response.request).toBe('ERROR: 1005');
	await sleep(250);
	expect((await call(sandbox, 'res.php', { action: 'get', id })).body.request).toBe('CAPCHA_NOT_READY');
});

test('wrong keys: ERROR_WRONG_USER_KEY, ERROR_KEY_DOES_NOT_EXIST, then ERROR: 1004 for the IP', async () => {
	sandbox = await startSandbox({ limits: { wrongKeyBanSec: 0.3 } });
	const withKey = (key, endpoint = 'res.php') => call(sandbox, endpoint, { action: 'getbalance' }, { key }).then((r) => r.body);
	expect(await withKey('short')).toEqual(error('ERROR_WRONG_USER_KEY'));
	expect(await withKey(null)).toEqual(error('ERROR_WRONG_USER_KEY'));
	expect(await withKey('0'.repeat(32))).toEqual(error('ERROR_KEY_DOES_NOT_EXIST'));
	expect(await withKey('1'.repeat(32), 'in.php')).toEqual(error('ERROR_KEY_DOES_NOT_EXIST'));
	expect(await withKey('2'.repeat(32))).toEqual(error('ERROR_KEY_DOES_NOT_EXIST'));
	// Five wrong-key requests: the IP is banned, even for the valid key, on both endpoints.
	expect(await withKey(sandbox.apiKey)).toEqual(error('ERROR: 1004'));
	expect((await call(sandbox, 'in.php', turnstile)).body).toEqual(error('ERROR: 1004'));
	await sleep(350);
	expect(await withKey(sandbox.apiKey)).toEqual({ status: 1, request: '100' });
});
