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
	const before = sandbox.log.length;
	const giveUp = new AbortController();
	let settled = false;
	const request = fetch(`${sandbox.url}/res.php?key=${sandbox.apiKey}&action=getbalance`, { signal: giveUp.signal }).finally(() => (settled = true));
	// From when the sandbox has the request (a loaded machine may take a while to get it there): 150 ms, no answer.
	while (sandbox.log.length === before) await new Promise((resolve) => setTimeout(resolve, 5));
	await new Promise((resolve) => setTimeout(resolve, 150));
	expect(settled).toBe(false);
	giveUp.abort();
	await expect(request).rejects.toThrow(/aborted/i);
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

describe('hostile mode', () => {
	const form = (params) => new URLSearchParams({ key: sandbox.apiKey, json: '1', ...params }).toString();
	const post = (endpoint, params) =>
		fetch(`${sandbox.url}/${endpoint}`, {
			method: 'POST',
			headers: { 'content-type': 'application/x-www-form-urlencoded' },
			body: form(params),
		});

	test('echoRate: an HTML 400/502 page echoing the whole request body, key, proxy and pingback included', async () => {
		sandbox.setFaults({ echoRate: 1 });
		const proxy = 'user:Secret-Pass@10.0.0.2:3128';
		const response = await post('in.php', { ...turnstile, proxy, pingback: 'http://127.0.0.1:9/hook?secret=s3cr3t' });
		expect([400, 502]).toContain(response.status);
		const text = await response.text();
		expect(text).toContain(sandbox.apiKey);
		expect(text).toContain(encodeURIComponent(proxy));
		expect(text).toContain('Secret-Pass');
		expect(text).toContain('s3cr3t');
		expect(sandbox.log.at(-1).faults).toEqual(['echo']);
		expect(sandbox.captchas.size).toBe(0);
	});

	test('oversizeRate: a body of oversizeBytes without a length', async () => {
		sandbox.setFaults({ oversizeRate: 1, oversizeBytes: 100_000 });
		const response = await post('res.php', { action: 'getbalance' });
		expect((await response.arrayBuffer()).byteLength).toBe(100_003);
	});

	test('nonUtf8Rate: a body that is not UTF-8', async () => {
		sandbox.setFaults({ nonUtf8Rate: 1 });
		const bytes = Buffer.from(await (await post('res.php', { action: 'getbalance' })).arrayBuffer());
		expect(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes)).toThrow();
	});

	test('trickleRate: a body dripped and never finished', async () => {
		sandbox.setFaults({ trickleRate: 1 });
		const response = await post('res.php', { action: 'getbalance' });
		const reader = response.body.getReader();
		const first = await reader.read();
		const second = await reader.read();
		expect(Buffer.from(first.value).toString() + Buffer.from(second.value).toString()).toMatch(/^OK\|1/);
		await reader.cancel();
	});

	test('duplicateIdRate and emptyIdRate: ids issued before, or none at all for a charged captcha', async () => {
		const first = await (await post('in.php', turnstile)).json();
		sandbox.setFaults({ duplicateIdRate: 1 });
		expect(await (await post('in.php', turnstile)).json()).toEqual({ status: 1, request: first.request });
		expect(sandbox.captchas.size).toBe(1);
		sandbox.setFaults({ emptyIdRate: 1 });
		expect(await (await post('in.php', turnstile)).json()).toEqual({ status: 1, request: '' });
		expect(sandbox.captchas.size).toBe(2);
		expect(sandbox.log.at(-1).faults).toEqual(['emptyId']);
	});

	test('mismatchRate: a multi-id answer with a part missing or one too many', async () => {
		const ids = [];
		for (let i = 0; i < 3; i++) ids.push((await (await post('in.php', turnstile)).json()).request);
		sandbox.setFaults({ mismatchRate: 1 });
		const counts = new Set();
		for (let i = 0; i < 8; i++) {
			const answer = await (await post('res.php', { action: 'get', ids: ids.join(',') })).json();
			counts.add(answer.request.split('|').length);
		}
		expect([...counts].every((n) => n === 2 || n === 4)).toBe(true);
	});
});
