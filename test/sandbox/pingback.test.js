'use strict';
/** Pingback addresses (add/get/del) and delivery to a local receiver, like the service does. */
const http = require('node:http');
const { startSandbox } = require('./index');
const { call, submit, sleep } = require('./client');
const { METHOD_CASES } = require('./method-cases');

const turnstile = METHOD_CASES.find((c) => c.key === 'turnstile').params;
const geetest = METHOD_CASES.find((c) => c.key === 'geetest').params;
const error = (code) => ({ status: 0, request: code, error_text: expect.any(String) });

/** A loopback HTTP server recording what it receives; `statuses` lists the answers to give, then 200. */
async function startReceiver(statuses = []) {
	const received = [];
	const server = http.createServer((req, res) => {
		let body = '';
		req.on('data', (chunk) => (body += chunk));
		req.on('end', () => {
			received.push({ method: req.method, url: req.url, contentType: req.headers['content-type'], body: Object.fromEntries(new URLSearchParams(body)) });
			res.writeHead(statuses.shift() ?? 200);
			res.end('ok');
		});
	});
	await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
	return { received, url: `http://127.0.0.1:${server.address().port}`, close: () => new Promise((resolve) => server.close(resolve)) };
}

async function until(condition, timeoutMs = 3000) {
	const deadline = Date.now() + timeoutMs;
	while (!condition()) {
		if (Date.now() > deadline) throw new Error('condition not met in time');
		await sleep(5);
	}
}

let sandbox;
let receiver;
beforeEach(async () => {
	sandbox = await startSandbox({ timeScale: 0.001, solveTimes: { '*': { min: 1, max: 2 } } });
	receiver = await startReceiver();
});
afterEach(async () => {
	await sandbox.close();
	await receiver.close();
});

const res = (params) => call(sandbox, 'res.php', params).then(({ body }) => body);
const pingbackEntries = () => sandbox.log.filter((entry) => entry.endpoint === 'pingback');

test('add_pingback, get_pingback and del_pingback manage the addresses', async () => {
	expect(await res({ action: 'add_pingback', addr: `${receiver.url}/hook` })).toEqual({ status: 1, request: 'OK' });
	expect(await res({ action: 'add_pingback', addr: 'localhost/other' })).toEqual({ status: 1, request: 'OK' });
	expect(await res({ action: 'get_pingback' })).toEqual({ status: 1, request: [`${receiver.url}/hook`, 'localhost/other'] });
	expect(await res({ action: 'del_pingback', addr: 'localhost' })).toEqual({ status: 1, request: 'OK' });
	expect((await res({ action: 'get_pingback' })).request).toEqual([`${receiver.url}/hook`]);
	await res({ action: 'del_pingback', addr: 'all' });
	expect((await res({ action: 'get_pingback' })).request).toEqual([]);
});

test('only addresses on the requesting machine can be registered', async () => {
	expect(await res({ action: 'add_pingback', addr: 'http://mysite.com/pingback' })).toEqual(error('ERROR_IP_ADDRES'));
	expect(await res({ action: 'add_pingback', addr: '203.0.113.5' })).toEqual(error('ERROR_IP_ADDRES'));
	expect(await res({ action: 'add_pingback' })).toEqual(error('ERROR_BAD_PARAMETERS'));
});

test('a solved captcha is POSTed urlencoded as id and code to its pingback URL', async () => {
	await res({ action: 'add_pingback', addr: receiver.url });
	const id = await submit(sandbox, { ...turnstile, pingback: `${receiver.url}/hook?job=7` });
	await until(() => receiver.received.length === 1);
	const [delivery] = receiver.received;
	expect(delivery).toEqual({ method: 'POST', url: '/hook?job=7', contentType: 'application/x-www-form-urlencoded', body: { id, code: sandbox.captchas.get(id).answer } });
	await until(() => pingbackEntries().length === 1);
	expect(pingbackEntries()[0]).toMatchObject({ url: `${receiver.url}/hook?job=7`, params: { id }, delivered: true, attempts: 1, status: 200 });
});

test('object answers are sent as JSON text, unsolvable ones as the error code', async () => {
	await res({ action: 'add_pingback', addr: '127.0.0.1' });
	const solved = await submit(sandbox, { ...geetest, pingback: receiver.url });
	sandbox.setFaults({ unsolvableRate: 1 });
	const failed = await submit(sandbox, { ...turnstile, pingback: receiver.url });
	await until(() => receiver.received.length === 2);
	const codes = Object.fromEntries(receiver.received.map(({ body }) => [body.id, body.code]));
	expect(JSON.parse(codes[solved])).toEqual(sandbox.captchas.get(solved).answer);
	expect(codes[failed]).toBe('ERROR_CAPTCHA_UNSOLVABLE');
});

test('no delivery to a host that is not registered; the log says why', async () => {
	await res({ action: 'add_pingback', addr: 'localhost' });
	await submit(sandbox, { ...turnstile, pingback: `${receiver.url}/hook` });
	await until(() => pingbackEntries().length === 1);
	expect(pingbackEntries()[0]).toMatchObject({ delivered: false, attempts: 0, reason: 'host not registered' });
	expect(receiver.received).toHaveLength(0);
});

test('a failed delivery is retried', async () => {
	const flaky = await startReceiver([500, 503]);
	await res({ action: 'add_pingback', addr: flaky.url });
	const id = await submit(sandbox, { ...turnstile, pingback: flaky.url });
	await until(() => pingbackEntries().length === 1);
	expect(pingbackEntries()[0]).toMatchObject({ params: { id }, delivered: true, attempts: 3, status: 200 });
	expect(flaky.received).toHaveLength(3);
	await flaky.close();
});
