'use strict';
/**
 * Wait for Pingback on methods from 2Captcha's client libraries and on Custom Method, in a running `n8n start`
 * (own user folder and sandbox; WEBHOOK_URL points at this n8n): Webhook → Split Out → (Code: images) → 2Captcha.
 * The sandbox delivers each pingback to n8n's resume URL; each execution resumes once with every answer.
 */
const crypto = require('node:crypto');
const { assert } = require('../lib/harness');
const n8n = require('../lib/n8n');
const { startSandbox } = require('../../sandbox');
const { startServer, setUpOwnerAndApiKey, waitFor } = require('../lib/server');
const { allOperations } = require('../lib/operations');
const fixtures = require('../fixtures');
const wf = require('../lib/workflows');

// 2Captcha seconds × 0.1: tokens are solved in 1–4.5 s, after the executions have started waiting.
const SANDBOX = { timeScale: 0.1, seed: 23 };
const OPERATIONS = ['yandex', 'temu', 'customMethod'];

/** Turns each webhook item into one with the images an image method reads (the fixture PNG). */
const IMAGES_CODE = `const png = '${fixtures.pngBase64}';
const file = (name) => ({ data: png, mimeType: 'image/png', fileName: name + '.png' });
return $input.all().map((item) => ({ json: item.json, binary: { data: file('background'), piece1: file('p1'), piece2: file('p2'), piece3: file('p3') } }));`;

function pingbackWorkflow(credential, operation) {
	const path = `modes-${operation.operation.toLowerCase()}`;
	const webhook = wf.node('Webhook', 'n8n-nodes-base.webhook', { httpMethod: 'POST', path, responseMode: 'onReceived', options: {} }, [0, 0], {
		typeVersion: 2,
		webhookId: crypto.randomUUID(),
	});
	const split = wf.node('Split Out', 'n8n-nodes-base.splitOut', { fieldToSplitOut: 'body.items', include: 'noOtherFields', options: {} }, [200, 0]);
	const images = operation.operation === 'temu' ? [wf.codeNode('Images', IMAGES_CODE, [400, 0])] : [];
	// Binary sources for image methods (the e2e samples send base64).
	const uploads = operation.operation === 'temu'
		? { imageSource: 'binary', imageBinaryProperty: 'data', piece1Source: 'binary', piece2Source: 'binary', piece3Source: 'binary' }
		: {};
	const parameters = { ...operation.parameters, ...uploads, mode: 'waitForPingback', registerPingbackHost: true, solverSettings: { includeRawAnswer: true } };
	const solve = wf.solveNode(parameters, credential, '2Captcha', [600, 0]);
	return {
		path,
		workflow: {
			name: `e2e Wait for Pingback (${operation.operation})`,
			nodes: [webhook, split, ...images, solve],
			connections: wf.chain('Webhook', 'Split Out', ...images.map((n) => n.name), '2Captcha'),
			settings: { executionOrder: 'v1' },
		},
	};
}

/** context: { port }. All or none: the first case starts n8n, the last stops it. */
function methodModeCases(context) {
	const state = {};
	const start = async (path, items) => {
		let status;
		const post = async () =>
			(await fetch(`${state.server.baseUrl}/webhook/${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ items }) })).status;
		await waitFor(async () => (status = await post()) !== 404, { timeoutMs: 15_000, what: `the webhook ${path}` }).catch(() => undefined);
		assert.equal(status, 200, `the webhook answered ${status}`);
	};
	return [
		{
			name: 'modes: n8n start with WEBHOOK_URL at this n8n, a Wait for Pingback workflow per new method',
			run: async () => {
				state.sandbox = await startSandbox(SANDBOX);
				state.userFolder = n8n.prepareUserFolder();
				const credential = wf.twoCaptchaCredential({ apiKey: state.sandbox.apiKey, customUrl: state.sandbox.url, name: 'modes sandbox' });
				await n8n.importCredentials(state.userFolder, [credential]);
				state.server = await startServer(state.userFolder, { port: context.port, extraEnv: { WEBHOOK_URL: `http://127.0.0.1:${context.port}/` } });
				state.api = await setUpOwnerAndApiKey(state.server.baseUrl);
				const operations = allOperations().filter((o) => o.resource === 'captcha' && OPERATIONS.includes(o.operation));
				state.workflows = [];
				for (const operation of operations) {
					const { path, workflow } = pingbackWorkflow(credential, operation);
					const created = await state.api.createWorkflow(workflow);
					await state.api.activateWorkflow(created.id);
					state.workflows.push({ operation: operation.operation, path, id: created.id });
				}
				return state.workflows.map((w) => `${w.operation} ${w.id}`).join(', ');
			},
		},
		...OPERATIONS.map((name) => ({
			name: `modes: ${name} in Wait for Pingback: 2 items wait, resume once with both answers`,
			run: async () => {
				const flow = state.workflows?.find((w) => w.operation === name);
				assert.ok(flow, 'n8n is not set up');
				await start(flow.path, ['a', 'b']);
				const done = await waitFor(
					async () => {
						const [execution] = await state.api.listExecutions(flow.id);
						return execution?.finished && execution;
					},
					{ timeoutMs: 90_000, intervalMs: 500, what: `the ${name} execution resumed and finished` },
				);
				assert.equal(done.status, 'success', `execution ${done.id}: ${done.status}`);
				const runs = done.data.resultData.runData['2Captcha'];
				assert.equal(runs.length, 1, `the 2Captcha node ran ${runs.length} times after resuming`);
				const items = runs[0].data.main[0];
				assert.equal(items.length, 2, `resumed with ${items.length} items`);
				for (const [i, item] of items.entries()) {
					const captcha = state.sandbox.captchas.get(String(item.json.captchaId));
					assert.ok(captcha, `item ${i}: no captcha of the sandbox: ${JSON.stringify(item.json).slice(0, 200)}`);
					assert.ok(captcha.pingback, `item ${i}: submitted without a pingback`);
					assert.ok(item.json.solution !== undefined && item.json.error === undefined, `item ${i}: ${JSON.stringify(item.json).slice(0, 200)}`);
					assert.deepEqual(item.json.rawAnswer, captcha.answer, `item ${i}: rawAnswer differs from the sandbox's answer`);
					assert.equal(item.pairedItem.item, i);
				}
				return `execution ${done.id}: ${JSON.stringify(items[0].json.solution).slice(0, 60)}`;
			},
		})),
		{
			name: 'modes: n8n stops cleanly',
			run: async () => {
				await state.server?.stop();
				await state.sandbox?.close();
				if (state.userFolder && !process.env.E2E_KEEP) require('node:fs').rmSync(state.userFolder, { recursive: true, force: true });
				return 'stopped';
			},
		},
	];
}

module.exports = { methodModeCases };
