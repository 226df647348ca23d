'use strict';
/**
 * Mode "Wait for Pingback" in a running `n8n start` (own user folder, own sandbox with solve times slow enough to
 * watch the execution wait): Webhook → Split Out → 2Captcha. The sandbox delivers pingbacks to n8n's resume URL
 * (WEBHOOK_URL points at this n8n); the execution waits while captchas are solved and resumes once.
 * Queue mode is not covered here (see the queue harness).
 */
const crypto = require('node:crypto');
const { assert } = require('../lib/harness');
const n8n = require('../lib/n8n');
const { startSandbox } = require('../../sandbox');
const { startServer, setUpOwnerAndApiKey, waitFor } = require('../lib/server');
const { loadExamples, adaptExample } = require('../lib/examples');
const wf = require('../lib/workflows');

const SITE_KEY = '6Le-wvkSAAAAAPBMRTvw0Q4Muexq9bi0DJwx_mJ-';
// 2Captcha seconds × 0.1: reCAPTCHA solves in 3–6 s, Turnstile never within its 5 s Timeout.
const SANDBOX = { timeScale: 0.1, seed: 15, solveTimes: { userrecaptcha: { min: 30, max: 60 }, turnstile: { min: 3000, max: 3000 } } };

function pingbackWorkflow(credential, { path, operation, solverSettings }) {
	const webhook = wf.node('Webhook', 'n8n-nodes-base.webhook', { httpMethod: 'POST', path, responseMode: 'onReceived', options: {} }, [0, 0], {
		typeVersion: 2,
		webhookId: crypto.randomUUID(),
	});
	const split = wf.node('Split Out', 'n8n-nodes-base.splitOut', { fieldToSplitOut: 'body.items', include: 'noOtherFields', options: {} }, [200, 0]);
	const solve = wf.solveNode(
		{ resource: 'captcha', operation, siteKey: SITE_KEY, pageUrl: 'https://example.com/login', mode: 'waitForPingback', registerPingbackHost: true, solverSettings },
		credential,
		'2Captcha',
		[400, 0],
	);
	return {
		name: `e2e Wait for Pingback (${operation})`,
		nodes: [webhook, split, solve],
		connections: wf.chain('Webhook', 'Split Out', '2Captcha'),
		settings: { executionOrder: 'v1' },
	};
}

/** context: { port }. */
function pingwaitCases(context) {
	const state = {};
	const gets = () => state.sandbox.log.filter((e) => e.endpoint === 'res.php' && e.params.action === 'get');
	// Activation over the public API finishes in the background: until then the path answers 404 (and starts nothing).
	const start = async (items, path, field = 'items') => {
		const post = async () =>
			(
				await fetch(`${state.server.baseUrl}/webhook/${path}`, {
					method: 'POST',
					headers: { 'content-type': 'application/json' },
					body: JSON.stringify({ [field]: items }),
				})
			).status;
		let status;
		await waitFor(async () => (status = await post()) !== 404, { timeoutMs: 15_000, what: `the webhook ${path}` }).catch(() => undefined);
		assert.equal(status, 200, `the webhook answered ${status}`);
	};
	const latest = async (workflowId) => (await state.api.listExecutions(workflowId))[0];
	const solveOutput = (execution) => execution.data.resultData.runData['2Captcha'];

	return [
		{
			name: 'pingwait: n8n start with WEBHOOK_URL at this n8n, two workflows active',
			run: async () => {
				state.sandbox = await startSandbox(SANDBOX);
				state.userFolder = n8n.prepareUserFolder();
				const credential = wf.twoCaptchaCredential({ apiKey: state.sandbox.apiKey, customUrl: state.sandbox.url, name: 'pingwait sandbox' });
				await n8n.importCredentials(state.userFolder, [credential]);
				state.credential = credential;
				state.server = await startServer(state.userFolder, {
					port: context.port,
					extraEnv: { WEBHOOK_URL: `http://127.0.0.1:${context.port}/` },
				});
				state.api = await setUpOwnerAndApiKey(state.server.baseUrl);
				const fast = await state.api.createWorkflow(pingbackWorkflow(credential, { path: 'pingwait-ten', operation: 'recaptchaV2', solverSettings: {} }));
				const burst = await state.api.createWorkflow(pingbackWorkflow(credential, { path: 'pingwait-burst', operation: 'recaptchaV2', solverSettings: {} }));
				await state.api.activateWorkflow(burst.id);
				state.burstId = burst.id;
				const slow = await state.api.createWorkflow(
					pingbackWorkflow(credential, { path: 'pingwait-deadline', operation: 'turnstile', solverSettings: { timeoutSeconds: 5 } }),
				);
				await state.api.activateWorkflow(fast.id);
				await state.api.activateWorkflow(slow.id);
				Object.assign(state, { fastId: fast.id, slowId: slow.id });
				return `workflows ${fast.id}, ${slow.id}`;
			},
		},
		{
			name: 'pingwait: 10 items wait while solved, resume once with 10 items; res.php get ≤ 1 per captcha',
			run: async () => {
				assert.ok(state.api, 'n8n is not set up');
				const before = gets().length;
				await start(Array.from({ length: 10 }, (_, n) => n), 'pingwait-ten');
				const pending = () => [...state.sandbox.captchas.values()].filter((c) => c.method === 'userrecaptcha' && c.status === 'pending');
				const waiting = await waitFor(
					async () => {
						const execution = await latest(state.fastId);
						return execution?.status === 'waiting' && pending().length > 0 && execution;
					},
					{ timeoutMs: 30_000, intervalMs: 100, what: 'the execution waiting while captchas are pending' },
				);
				const done = await waitFor(
					async () => {
						const execution = await latest(state.fastId);
						return execution?.finished && execution.status === 'success' && execution;
					},
					{ timeoutMs: 60_000, what: 'the execution resumed and finished' },
				);
				assert.equal(done.id, waiting.id);
				const runs = solveOutput(done);
				assert.equal(runs.length, 1, `the 2Captcha node ran ${runs.length} times after resuming`);
				const items = runs[0].data.main[0];
				assert.equal(items.length, 10, `resumed with ${items.length} items`);
				items.forEach((item, i) => {
					const captcha = state.sandbox.captchas.get(String(item.json.captchaId));
					assert.ok(captcha, `item ${i} has no captcha of the sandbox: ${JSON.stringify(item.json).slice(0, 200)}`);
					assert.equal(item.json.solution, captcha.answer, `item ${i} carries a wrong solution`);
					assert.equal(item.pairedItem.item, i);
				});
				const requests = gets().length - before;
				assert.ok(requests <= 10, `${requests} res.php get requests for 10 captchas`);
				state.finished = { execution: done, resumeUrl: state.sandbox.log.find((e) => e.endpoint === 'in.php' && e.params.pingback)?.params.pingback };
				return `execution ${done.id}: waiting, then 10 items; ${requests} res.php requests`;
			},
		},
		{
			name: 'pingwait: a pingback after the end gets 409 and changes nothing',
			run: async () => {
				const { execution, resumeUrl } = state.finished ?? {};
				assert.ok(resumeUrl, 'no finished execution');
				// Pingbacks of the finished run that raced its resumption may still be answering: count from a quiet moment.
				let before = gets().length;
				for (let quiet = 0; quiet < 20; quiet++) {
					await new Promise((resolve) => setTimeout(resolve, 500));
					if (gets().length === before) break;
					before = gets().length;
				}
				const id = String(solveOutput(execution)[0].data.main[0][0].json.captchaId);
				const response = await fetch(resumeUrl, { method: 'POST', body: new URLSearchParams({ id, code: 'late' }) });
				assert.equal(response.status, 409, `a late pingback got ${response.status}`);
				const after = await latest(state.fastId);
				assert.equal(after.id, execution.id);
				assert.equal(solveOutput(after).length, 1);
				assert.equal(gets().length, before, 'the late pingback made a res.php request');
				return 'HTTP 409';
			},
		},
		{
			name: 'pingwait: 10 pingbacks at the same moment for the last answers resume the execution once',
			run: async () => {
				assert.ok(state.burstId, 'n8n is not set up');
				const startedAt = Date.now();
				const mine = () => [...state.sandbox.captchas.values()].filter((c) => c.method === 'userrecaptcha' && c.submittedAt >= startedAt);
				// The sandbox must not deliver these captchas' pingbacks itself: the burst below is the only doorbell.
				let held = 0;
				const hold = setInterval(() => {
					for (const captcha of mine()) if (captcha.pingback) (captcha.pingback = null), held++;
				}, 5);
				try {
					await start([0, 1, 2], 'pingwait-burst');
					await waitFor(async () => mine().length === 3 && held === 3, { timeoutMs: 15_000, intervalMs: 20, what: 'three submissions' });
				} finally {
					clearInterval(hold);
				}
				const waiting = await waitFor(async () => (await latest(state.burstId))?.status === 'waiting' && (await latest(state.burstId)), {
					timeoutMs: 30_000,
					what: 'the execution waiting',
				});
				await waitFor(async () => mine().every((c) => c.status === 'solved'), { timeoutMs: 30_000, what: 'the three captchas solved' });
				const resumeUrl = state.sandbox.log.find((e) => e.endpoint === 'in.php' && String(e.params.pingback ?? '').includes(`/${waiting.id}?`))?.params.pingback;
				assert.ok(resumeUrl, 'no resume URL of the waiting execution in the sandbox log');
				const ids = mine().map((c) => c.id);
				const before = gets().length;
				const statuses = await Promise.all(
					Array.from({ length: 10 }, async (_, k) => (await fetch(resumeUrl, { method: 'POST', body: new URLSearchParams({ id: ids[k % 3], code: 'x' }) })).status),
				);
				const done = await waitFor(async () => (await latest(state.burstId))?.finished && (await latest(state.burstId)), {
					timeoutMs: 30_000,
					what: 'the execution resumed and finished',
				});
				assert.equal(done.id, waiting.id);
				assert.ok(!statuses.includes(500), `a pingback of the burst got 500 (a second resume attempt): ${statuses.join(', ')}`);
				assert.ok(statuses.every((status) => status === 200 || status === 409), `the burst got ${statuses.join(', ')}`);
				const runs = solveOutput(done);
				assert.equal(runs.length, 1, `the 2Captcha node ran ${runs.length} times after resuming`);
				const items = runs[0].data.main[0];
				assert.deepEqual(
					items.map((item) => item.json.solution),
					items.map((item) => state.sandbox.captchas.get(String(item.json.captchaId))?.answer),
				);
				const requests = gets().length - before;
				assert.ok(requests <= 2, `${requests} res.php requests for 10 pingbacks at once`);
				return `execution ${done.id}: resumed once; burst statuses ${[...new Set(statuses)].join('/')}; ${requests} res.php requests`;
			},
		},
		{
			name: 'pingwait: a bad signature gets 401; the deadline resumes with each captcha ID "unanswered"',
			run: async () => {
				assert.ok(state.api, 'n8n is not set up');
				await start([0, 1], 'pingwait-deadline');
				const waiting = await waitFor(async () => (await latest(state.slowId))?.status === 'waiting' && (await latest(state.slowId)), {
					timeoutMs: 30_000,
					what: 'the deadline execution waiting',
				});
				const bad = await fetch(`${state.server.baseUrl}/webhook-waiting/${waiting.id}?signature=wrong`, {
					method: 'POST',
					body: new URLSearchParams({ id: '123', code: 'forged' }),
				});
				assert.equal(bad.status, 401, `a bad signature got ${bad.status}`);
				// n8n looks for due executions every 60 s.
				const done = await waitFor(async () => (await latest(state.slowId))?.finished && (await latest(state.slowId)), {
					timeoutMs: 150_000,
					intervalMs: 1000,
					what: 'the deadline resuming the execution',
				});
				const items = solveOutput(done).at(-1).data.main[0];
				assert.equal(items.length, 2);
				items.forEach((item, i) => {
					assert.equal(item.json.status, 'unanswered', JSON.stringify(item.json));
					assert.ok(state.sandbox.captchas.get(String(item.json.captchaId)), `item ${i} lacks its captcha ID`);
				});
				return `execution ${done.id}: 401 for a bad signature; deadline → 2 items "unanswered"`;
			},
		},
		{
			name: 'pingwait: the example wait-for-pingback.json: 3 pages in, 3 solutions out',
			run: async () => {
				assert.ok(state.api, 'n8n is not set up');
				const example = loadExamples().find(({ file }) => file === 'wait-for-pingback.json');
				assert.ok(example, 'examples/wait-for-pingback.json is missing');
				const { name, nodes, connections, settings } = adaptExample(example.workflow, { credential: state.credential });
				const created = await state.api.createWorkflow({ name, nodes, connections, settings });
				await state.api.activateWorkflow(created.id);
				const path = nodes.find((n) => n.type === 'n8n-nodes-base.webhook').parameters.path;
				const pages = ['https://example.com/a', 'https://example.com/b', 'https://example.com/c'];
				await start(pages, path, 'pages');
				const done = await waitFor(async () => (await latest(created.id))?.finished && (await latest(created.id)), {
					timeoutMs: 60_000,
					what: "the example's execution resumed and finished",
				});
				const solveName = nodes.find((n) => n.type === wf.SOLVE_NODE_TYPE).name;
				const items = done.data.resultData.runData[solveName][0].data.main[0];
				assert.equal(items.length, 3);
				items.forEach((item) => assert.equal(item.json.solution, state.sandbox.captchas.get(String(item.json.captchaId))?.answer));
				const submitted = state.sandbox.log.filter((e) => e.endpoint === 'in.php' && pages.includes(e.params.pageurl));
				assert.equal(submitted.length, 3, 'each page was not submitted once with its own Page URL');
				return `execution ${done.id}: 3 solutions`;
			},
		},
		{
			name: 'pingwait: n8n stops cleanly',
			run: async () => {
				await state.server?.stop();
				await state.sandbox?.close();
				if (state.userFolder && !process.env.E2E_KEEP) require('node:fs').rmSync(state.userFolder, { recursive: true, force: true });
				return 'stopped';
			},
		},
	];
}

module.exports = { pingwaitCases, pingbackWorkflow };
