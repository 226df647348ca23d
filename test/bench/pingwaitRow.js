'use strict';
/**
 * Mode "Wait for Pingback", modelled: one execution of N normal image captchas (one execution = one operation).
 * The submissions run as the node's execute() runs them (solveAll, pingback = the resume URL); then the execution
 * "waits": a local HTTP server stands in for n8n's /webhook-waiting/<id> and hands each pingback to the node's own
 * doorbell (pingbackDoorbell from dist/, with a minimal stand-in for n8n's webhook context), answering 409 before
 * the execution waits and after it resumed, as n8n does. Done = the doorbell returned the resuming items.
 * The table's wall time minus the moment the last answer was ready is "last answer → resumed".
 */
const http = require('node:http');
const { solveAll } = require('../../dist/nodes/TwoCaptcha/engine/solver');
const { normal } = require('../../dist/nodes/TwoCaptcha/catalogue/methods/normal');
const { pingbackDoorbell } = require('../../dist/nodes/TwoCaptcha/actions/captcha/modes/waitForPingback/webhook');
const { answeredItems, awaitingItems, collectAnswers, unansweredJson } = require('../../dist/nodes/TwoCaptcha/actions/captcha/modes/waitForPingback/answers');
const { createEngine, taskFor } = require('./engineRow');

/** The IWebhookFunctions members the doorbell reads; `items` are the node's input as execute() left them. */
function webhookContext({ body, items, url, apiKey }) {
	const parameters = { operation: normal.value, solverSettings: {} };
	const response = { status: () => response, send: () => response, end: () => undefined };
	return {
		getNodeParameter: (name, fallback) => parameters[name] ?? fallback,
		getBodyData: () => body,
		evaluateExpression: () => items,
		customData: { get: () => undefined },
		// Who is waiting (one execution of one node); no deadline set, so the doorbell arms no deadline ring.
		getInstanceId: () => 'bench-instance',
		getExecutionId: () => 'bench-execution',
		getNode: () => ({ id: 'bench-node', name: '2Captcha', type: 'n8n-nodes-twocaptcha.twoCaptcha' }),
		getHeaderData: () => ({ 'content-type': 'application/x-www-form-urlencoded' }),
		getCredentials: async () => ({ apiKey, server: 'custom', customUrl: url }),
		getResponseObject: () => response,
	};
}

async function startWaitingWebhook({ url, apiKey }) {
	const state = { items: undefined, resumedAt: undefined, resumes: 0 };
	let resumed;
	state.resumed = new Promise((resolve) => (resumed = resolve));
	const server = http.createServer((req, res) => {
		const chunks = [];
		req.on('data', (chunk) => chunks.push(chunk));
		req.on('end', async () => {
			if (!state.items || state.resumedAt) return void res.writeHead(409).end();
			const body = Object.fromEntries(new URLSearchParams(Buffer.concat(chunks).toString('utf8')));
			const result = await pingbackDoorbell.call(webhookContext({ body, items: state.items, url, apiKey }));
			if (result.workflowData && !state.resumedAt) {
				state.resumedAt = Date.now();
				state.resumes++;
				state.output = result.workflowData[0];
				resumed();
			}
			res.writeHead(200).end('OK');
		});
	});
	await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
	state.url = `http://127.0.0.1:${server.address().port}/webhook-waiting/bench?signature=bench`;
	state.close = () => server.close();
	return state;
}

async function runPingwait({ n, url, apiKey, timeScale, maxInFlight, receiveTimeoutSec }) {
	const engine = await createEngine({ url, apiKey, timeScale });
	const waiting = await startWaitingWebhook({ url, apiKey });
	const registered = await engine.client.call('res.php', { action: 'add_pingback', addr: waiting.url });
	if (registered.status !== 1) throw new Error(`add_pingback refused: ${registered.request}`);

	// Image captchas only (even items of the workload), as one execution of the Normal operation.
	const tasks = Array.from({ length: n }, (_, index) => taskFor(2 * index, { pingback: waiting.url }));
	const startedAt = Date.now();
	const outcomes = await solveAll(tasks, engine, { mode: 'submit', maxInFlight, unsolvableRetries: 0 });
	const failures = outcomes.filter((o) => o.error).map((o) => o.error.message);
	const items = outcomes.map((o, i) => ({ json: unansweredJson(normal, o.captchaId), pairedItem: { item: i } }));

	// As the mode's execute half: once answers may exist (the first poll time has passed), one check before waiting;
	// it outputs at once only when every captcha is answered, else answers it got travel in the waiting items.
	const elapsedModelMs = (Date.now() - startedAt) / timeScale;
	let waitingItems = items;
	if (elapsedModelMs >= normal.timings.firstPollSec * 1000) {
		const api = { call: async (params) => (await engine.limiter.acquireRes(), await engine.client.call('res.php', params)) };
		const awaiting = awaitingItems(items, normal, undefined);
		const known = await collectAnswers(api, awaiting).catch(() => new Map());
		if (known.size > 0) waitingItems = answeredItems({}, normal, items, awaiting, known, false);
		if (known.size === awaiting.length) Object.assign(waiting, { resumedAt: Date.now(), resumes: 1, output: waitingItems });
	}
	if (!waiting.resumedAt) {
		waiting.items = waitingItems;
		const timedOut = new Promise((resolve) => setTimeout(resolve, receiveTimeoutSec * 1000 * timeScale).unref());
		await Promise.race([waiting.resumed, timedOut]);
	}
	waiting.close();
	const finishedAt = waiting.resumedAt ?? Date.now();
	const solved = (waiting.output ?? []).filter((item) => item.json.solution !== undefined || item.json.status !== 'unanswered');
	if (!waiting.resumedAt) failures.push('the execution never resumed');
	// Every answer reaches the workflow when the execution resumes.
	const deliveries = waiting.resumedAt ? solved.map((item) => [String(item.json.captchaId), finishedAt]) : [];
	return { startedAt, finishedAt, deliveries, failures };
}

module.exports = { runPingwait };
