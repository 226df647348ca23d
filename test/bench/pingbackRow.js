'use strict';
/**
 * The pingback path: Submit Only mode with a pingback URL, the answers pushed by the sandbox to a local HTTP
 * receiver that stands in for the 2Captcha Trigger's webhook (an n8n webhook is an HTTP endpoint as well).
 * No res.php polling at all: the only res.php request is the add_pingback that registers the receiver, before the clock starts.
 */
const http = require('node:http');
const { solveAll } = require('../../dist/nodes/TwoCaptcha/engine/solver');
const { createEngine, taskFor } = require('./engineRow');

/** Receives `id=...&code=...` POSTs; resolves `allReceived` once `expected` distinct ids have arrived. */
async function startReceiver(expected) {
	const deliveries = new Map();
	let done;
	const allReceived = new Promise((resolve) => (done = resolve));
	const server = http.createServer((req, res) => {
		const chunks = [];
		req.on('data', (chunk) => chunks.push(chunk));
		req.on('end', () => {
			const id = new URLSearchParams(Buffer.concat(chunks).toString('utf8')).get('id');
			if (id && !deliveries.has(id)) deliveries.set(id, Date.now());
			res.writeHead(200, { 'content-type': 'text/plain' }).end('OK');
			if (deliveries.size >= expected) done();
		});
	});
	await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
	const url = `http://127.0.0.1:${server.address().port}/pingback`;
	return { url, deliveries, allReceived, close: () => server.close() };
}

async function runPingback({ n, url, apiKey, timeScale, maxInFlight, receiveTimeoutSec }) {
	const engine = await createEngine({ url, apiKey, timeScale });
	const receiver = await startReceiver(n);
	const registered = await engine.client.call('res.php', { action: 'add_pingback', addr: receiver.url });
	if (registered.status !== 1) throw new Error(`add_pingback refused: ${registered.request}`);

	const tasks = Array.from({ length: n }, (_, index) => taskFor(index, { pingback: receiver.url }));
	const startedAt = Date.now();
	const outcomes = await solveAll(tasks, engine, { mode: 'submit', maxInFlight, unsolvableRetries: 0 });
	const failures = outcomes.filter((o) => o.error).map((o) => o.error.message);
	const timedOut = new Promise((resolve) => setTimeout(resolve, receiveTimeoutSec * 1000 * timeScale).unref());
	await Promise.race([receiver.allReceived, timedOut]);
	const finishedAt = Date.now();
	receiver.close();
	if (receiver.deliveries.size < n - failures.length) failures.push(`${n - receiver.deliveries.size} pingbacks never arrived`);
	return { startedAt, finishedAt, deliveries: [...receiver.deliveries], failures };
}

module.exports = { runPingback };
