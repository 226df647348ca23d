'use strict';
/** Injected faults fire as set, are seeded, and are recorded in the log. */
const { startSandbox } = require('./index');
const { call, submit, waitForResult } = require('./client');
const { METHOD_CASES } = require('./method-cases');

const turnstile = METHOD_CASES.find((c) => c.key === 'turnstile').params;
const error = (code) => ({ status: 0, request: code, error_text: expect.any(String) });

let sandbox;
beforeEach(async () => {
	sandbox = await startSandbox({ timeScale: 0.001 });
});
afterEach(() => sandbox.close());

test('html502Rate: an nginx HTML 502 page instead of an answer', async () => {
	sandbox.setFaults({ html502Rate: 1 });
	const response = await fetch(`${sandbox.url}/res.php?key=${sandbox.apiKey}&action=getbalance&json=1`);
	expect(response.status).toBe(502);
	expect(await response.text()).toContain('<title>502 Bad Gateway</title>');
	expect(sandbox.log.at(-1)).toMatchObject({ endpoint: 'res.php', faults: ['html502'] });
});

test('resetRate: the connection is reset', async () => {
	sandbox.setFaults({ resetRate: 1 });
	await expect(call(sandbox, 'in.php', turnstile)).rejects.toThrow('fetch failed');
	expect(sandbox.log.at(-1).faults).toEqual(['reset']);
	expect(sandbox.captchas.size).toBe(0);
});

test('hangRate: no answer until the client gives up, and close() still ends', async () => {
	sandbox.setFaults({ hangRate: 1 });
	const started = Date.now();
	const request = fetch(`${sandbox.url}/res.php?key=${sandbox.apiKey}&action=getbalance`, { signal: AbortSignal.timeout(150) });
	await expect(request).rejects.toThrow(/aborted|timeout/i);
	expect(Date.now() - started).toBeGreaterThanOrEqual(140);
	expect(sandbox.log.at(-1).faults).toEqual(['hang']);
	fetch(`${sandbox.url}/res.php?key=${sandbox.apiKey}&action=getbalance`).catch(() => undefined);
	await new Promise((resolve) => setTimeout(resolve, 20));
	await sandbox.close(); // must not wait for the hung request
});

test('noSlotRate: in.php answers ERROR_NO_SLOT_AVAILABLE, res.php is unaffected', async () => {
	sandbox.setFaults({ noSlotRate: 1 });
	expect((await call(sandbox, 'in.php', turnstile)).body).toEqual(error('ERROR_NO_SLOT_AVAILABLE'));
	expect(sandbox.log.at(-1).faults).toEqual(['noSlot']);
	expect((await call(sandbox, 'res.php', { action: 'getbalance' })).body.status).toBe(1);
	expect(sandbox.captchas.size).toBe(0);
});

test('unsolvableRate: tasks end ERROR_CAPTCHA_UNSOLVABLE and cost nothing', async () => {
	sandbox.setFaults({ unsolvableRate: 1 });
	const id = await submit(sandbox, turnstile);
	expect(sandbox.log.at(-1).faults).toEqual(['unsolvable']);
	expect(await waitForResult(sandbox, id)).toEqual(error('ERROR_CAPTCHA_UNSOLVABLE'));
	expect(sandbox.balance(sandbox.apiKey)).toBe(100);
});

test('zeroBalance: in.php ERROR_ZERO_BALANCE, getbalance 0', async () => {
	const broke = await startSandbox({ timeScale: 0.001, faults: { zeroBalance: true } });
	expect((await call(broke, 'in.php', turnstile)).body).toEqual(error('ERROR_ZERO_BALANCE'));
	expect((await call(broke, 'res.php', { action: 'getbalance' })).body).toEqual({ status: 1, request: '0' });
	expect(broke.log[0].faults).toEqual(['zeroBalance']);
	await broke.close();
});

test('fault rates are drawn from the seed: same seed, same faults', async () => {
	const outcomes = async (seed) => {
		const run = await startSandbox({ timeScale: 0.001, seed, faults: { html502Rate: 0.3, noSlotRate: 0.3 } });
		const results = [];
		for (let i = 0; i < 30; i++) {
			const response = await fetch(`${run.url}/in.php`, { method: 'POST', body: new URLSearchParams({ key: run.apiKey, ...turnstile }) });
			results.push(response.status === 502 ? '502' : await response.text());
		}
		await run.close();
		return results.map((text) => (text.startsWith('OK|') ? 'OK' : text));
	};
	const first = await outcomes(3);
	expect(await outcomes(3)).toEqual(first);
	expect(first).toContain('502');
	expect(first).toContain('ERROR_NO_SLOT_AVAILABLE');
	expect(first).toContain('OK');
});

test('unknown faults and rates outside 0..1 are refused', () => {
	expect(() => sandbox.setFaults({ explode: 1 })).toThrow(/unknown fault/);
	expect(() => sandbox.setFaults({ noSlotRate: 2 })).toThrow(/between 0 and 1/);
});
