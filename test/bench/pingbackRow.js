'use strict';
/**
 * The pingback path: Submit Only mode with a pingback URL; the sandbox POSTs each answer to a local HTTP server
 * that hands the request to the 2Captcha Trigger node's own webhook() (built, from dist/), as n8n's webhook
 * server would. A pingback counts as delivered when webhook() has turned it into the workflow's item.
 * No res.php polling at all: the only res.php request is the add_pingback registering the URL, before the clock starts.
 */
const http = require('node:http');
const { randomBytes } = require('node:crypto');
const { TwoCaptchaTrigger } = require('../../dist/nodes/TwoCaptchaTrigger/TwoCaptchaTrigger.node');
const { solveAll } = require('../../dist/nodes/TwoCaptcha/engine/solver');
const { createEngine, taskFor } = require('./engineRow');

/**
 * The IWebhookFunctions members a trigger reads for one request (n8n-core's real WebhookContext needs a whole
 * workflow around it); `staticData` lives as long as the trigger, like n8n's workflow static data.
 */
function webhookContext({ secret, givenSecret, body, staticData }) {
	const parameters = { secret, options: {} };
	const response = { status: () => response, send: () => response, end: () => undefined };
	return {
		getNodeParameter: (name, fallback) => parameters[name] ?? fallback,
		getBodyData: () => body,
		getHeaderData: () => ({ 'content-type': 'application/x-www-form-urlencoded' }),
		getQueryData: () => ({ secret: givenSecret }),
		getWorkflowStaticData: () => staticData,
		getWorkflow: () => ({ id: 'bench-workflow', active: true }),
		getNode: () => ({ id: 'bench-trigger', name: '2Captcha Trigger', type: 'n8n-nodes-twocaptcha.twoCaptchaTrigger' }),
		getResponseObject: () => response,
	};
}

/** Serves POST /webhook/<id>/pingback?secret=<secret>; records when each captcha became an item of the trigger. */
async function startTriggerServer(expected) {
	const trigger = new TwoCaptchaTrigger();
	const secret = randomBytes(16).toString('hex');
	const staticData = {};
	const items = new Map();
	let done;
	const allReceived = new Promise((resolve) => (done = resolve));
	const server = http.createServer((req, res) => {
		const chunks = [];
		req.on('data', (chunk) => chunks.push(chunk));
		req.on('end', async () => {
			const body = Object.fromEntries(new URLSearchParams(Buffer.concat(chunks).toString('utf8')));
			const givenSecret = new URL(req.url, 'http://bench').searchParams.get('secret');
			const result = await trigger.webhook.call(webhookContext({ secret, givenSecret, body, staticData }));
			const item = result.workflowData?.[0]?.[0]?.json;
			if (item?.solved && !items.has(item.captchaId)) items.set(item.captchaId, Date.now());
			res.writeHead(result.workflowData ? 200 : 400, { 'content-type': 'text/plain' }).end('OK');
			if (items.size >= expected) done();
		});
	});
	await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
	const url = `http://127.0.0.1:${server.address().port}/webhook/bench-trigger/pingback?secret=${secret}`;
	return { url, items, allReceived, close: () => server.close() };
}

async function runPingback({ n, url, apiKey, timeScale, maxInFlight, receiveTimeoutSec }) {
	const engine = await createEngine({ url, apiKey, timeScale });
	const receiver = await startTriggerServer(n);
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
	if (receiver.items.size < n - failures.length) failures.push(`${n - receiver.items.size} pingbacks never became items`);
	return { startedAt, finishedAt, deliveries: [...receiver.items], failures };
}

module.exports = { runPingback };
