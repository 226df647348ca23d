'use strict';
/**
 * Exactly once across processes (queue mode): a second webhook processor joins, then
 * - one captcha ID delivered 10 times at the same moment, half to each webhook processor, starts one execution;
 * - a Wait for Pingback execution (run by a worker) gets 10 pingbacks at the same moment, half at each webhook
 *   processor, and resumes once;
 * - a Wait for Pingback execution with one captcha never answered: at its Timeout the webhook processor that got the
 *   other two pingbacks resumes it (claimed in n8n's Redis), with the two answers and one `unanswered`, once.
 * The resume and the delivery are claimed in n8n's Redis; without that, two processes would each act.
 */
const crypto = require('node:crypto');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { assert } = require('../../e2e/lib/harness');
const n8n = require('../../e2e/lib/n8n');
const { startServer, waitFor, sleep } = require('../../e2e/lib/server');
const wf = require('../../e2e/lib/workflows');

const RESUME_ITEMS = 3;

/** A Timeout of this many seconds: the deadline case. */
const DEADLINE_SECONDS = 20;

/**
 * Manual Trigger with pinned items → 2Captcha in Wait for Pingback mode (the queue run imports it); `deadline`: with
 * a Timeout of DEADLINE_SECONDS.
 */
function pingwaitWorkflow({ runId, credential, recaptcha, deadline = false }) {
	const settings = deadline ? { solverSettings: { timeoutSeconds: DEADLINE_SECONDS } } : {};
	const workflow = wf.workflow({
		key: `${runId}:pingwait-${deadline ? 'deadline' : 'burst'}`,
		name: `queue pingwait ${deadline ? 'deadline' : 'burst'}`,
		nodes: [wf.manualTrigger(), wf.solveNode({ ...recaptcha, mode: 'waitForPingback', registerPingbackHost: true, ...settings }, credential)],
		connections: wf.chain(wf.MANUAL_TRIGGER, wf.SOLVE_NODE),
	});
	workflow.pinData = { [wf.MANUAL_TRIGGER]: Array.from({ length: RESUME_ITEMS }, (_, i) => ({ json: { i } })) };
	return workflow;
}

/** state: the queue run's; helpers: { ports, runManually, finishedExecution, nodeItems }. */
function exactlyOnceCases(state, { ports, runManually, nodeItems }) {
	const { sandbox } = state;
	const second = ports.webhook2;
	const atSecond = (url) => url.replace(`:${ports.webhook}/`, `:${second}/`);
	const postTo = async (url, fields) => (await fetch(url, { method: 'POST', body: new URLSearchParams(fields) })).status;
	const burst = async (url, fields) =>
		await Promise.all(Array.from({ length: 10 }, async (_, k) => await postTo(k % 2 ? atSecond(url) : url, typeof fields === 'function' ? fields(k) : fields)));

	return [
		{
			name: 'queue: a second webhook processor joins',
			run: async () => {
				const dir = n8n.prepareUserFolder(fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-queue-webhook2-')));
				state.folders.push(dir);
				const process = await startServer(dir, {
					port: second,
					args: ['webhook'],
					extraEnv: { N8N_RUNNERS_BROKER_PORT: String(second + 1) },
					isReady: async (base) => (await fetch(`${base}/healthz`)).ok,
				});
				state.processes.push({ name: 'webhook2', ...process });
				return `webhook processor :${second}`;
			},
		},
		{
			name: 'queue: one captcha ID delivered 10 times at once, to two webhook processors, starts one execution',
			run: async () => {
				const [trigger] = state.triggers;
				// The second processor serves the trigger once it has loaded the active workflows.
				await waitFor(async () => (await postTo(atSecond(trigger.pingbackUrl), { probe: '1' })) === 400, { timeoutMs: 30_000, what: 'the trigger at the second processor' });
				const before = (await state.api.listExecutions(trigger.workflow.id)).length;
				const captchaId = String(71_000_000_000 + crypto.randomInt(1_000_000_000));
				const statuses = await burst(trigger.pingbackUrl, { id: captchaId, code: 'burst-token' });
				assert.deepEqual(statuses, Array(10).fill(200), `the deliveries got ${statuses.join(', ')}`);
				await waitFor(async () => (await state.api.listExecutions(trigger.workflow.id)).length > before, { timeoutMs: 30_000, what: 'the execution' });
				await sleep(3000); // a second execution would be stored well within this
				const started = (await state.api.listExecutions(trigger.workflow.id)).length - before;
				assert.equal(started, 1, `${started} executions for one captcha ID delivered 10 times at once to two processes`);
				return '10 × HTTP 200 at two webhook processors, 1 execution';
			},
		},
		{
			name: 'queue: 10 pingbacks at once, at two webhook processors, resume a waiting execution once',
			run: async () => {
				const since = Date.now();
				const mine = () => [...sandbox.captchas.values()].filter((c) => c.submittedAt >= since && String(c.pingback ?? '').includes('/webhook-waiting/') || c.heldFor === since);
				// The sandbox must not deliver these pingbacks itself: the burst is the only doorbell.
				const hold = setInterval(() => {
					for (const captcha of mine()) if (captcha.pingback) (captcha.heldUrl = captcha.pingback), (captcha.pingback = null), (captcha.heldFor = since);
				}, 2);
				let executionId;
				try {
					executionId = await runManually(state, state.pingwait.id);
					await waitFor(async () => mine().length === RESUME_ITEMS && mine().every((c) => c.heldUrl), { timeoutMs: 60_000, intervalMs: 20, what: 'the submissions' });
				} finally {
					clearInterval(hold);
				}
				await waitFor(async () => (await state.api.getExecution(executionId)).status === 'waiting', { timeoutMs: 60_000, intervalMs: 200, what: 'the execution waiting' });
				await waitFor(async () => mine().every((c) => c.status === 'solved'), { timeoutMs: 60_000, intervalMs: 200, what: 'the captchas solved' });
				const captchas = mine();
				const resumeUrl = captchas[0].heldUrl;
				const statuses = await burst(resumeUrl, (k) => ({ id: captchas[k % RESUME_ITEMS].id, code: 'x' }));
				const done = await waitFor(
					async () => {
						const execution = await state.api.getExecution(executionId);
						return execution.finished || ['success', 'error', 'crashed'].includes(execution.status) ? execution : undefined;
					},
					{ timeoutMs: 60_000, intervalMs: 300, what: 'the execution resumed and finished' },
				);
				assert.equal(done.status, 'success', `the execution ended ${done.status}`);
				assert.ok(!statuses.includes(500), `a pingback got 500 (a second resume attempt): ${statuses.join(', ')}`);
				const runs = done.data.resultData.runData[wf.SOLVE_NODE];
				assert.equal(runs.length, 1, `the 2Captcha node ran ${runs.length} times after resuming`);
				const items = nodeItems(done, wf.SOLVE_NODE);
				assert.equal(items.length, RESUME_ITEMS);
				for (const item of items) assert.equal(item.solution, sandbox.captchas.get(String(item.captchaId))?.answer, JSON.stringify(item).slice(0, 200));
				return `execution ${executionId}: resumed once; burst statuses ${[...new Set(statuses)].join('/')}`;
			},
		},
		{
			name: 'queue: at the Timeout the webhook processor that got the pingbacks resumes the execution, 2 answered + 1 unanswered, once',
			run: async () => {
				const since = Date.now();
				const mine = () => [...sandbox.captchas.values()].filter((c) => c.submittedAt >= since && String(c.pingback ?? c.heldUrl ?? '').includes('/webhook-waiting/'));
				// The first captcha of the run never gets an answer (nor a pingback); the sandbox delivers the others'
				// pingbacks to the webhook processor, whose doorbell fetches them and keeps waiting.
				let held;
				const hold = setInterval(() => {
					const [first] = mine();
					if (!first || held) return;
					held = first;
					first.heldUrl = first.pingback;
					first.pingback = null;
					Object.defineProperty(first, 'status', { configurable: true, enumerable: true, get: () => 'pending', set: () => undefined });
				}, 2);
				let executionId;
				try {
					executionId = await runManually(state, state.pingwaitDeadline.id);
					await waitFor(async () => mine().length === RESUME_ITEMS && held, { timeoutMs: 60_000, intervalMs: 20, what: 'the submissions' });
				} finally {
					clearInterval(hold);
				}
				const answered = mine().filter((c) => c !== held);
				await waitFor(async () => answered.every((c) => sandbox.log.some((e) => e.endpoint === 'pingback' && e.params.id === c.id && e.delivered)), {
					timeoutMs: 60_000,
					intervalMs: 200,
					what: 'the two pingbacks delivered',
				});
				assert.equal((await state.api.getExecution(executionId)).status, 'waiting', 'resumed with a captcha pending');
				const done = await waitFor(
					async () => {
						const execution = await state.api.getExecution(executionId);
						return execution.finished || ['success', 'error', 'crashed'].includes(execution.status) ? execution : undefined;
					},
					{ timeoutMs: (DEADLINE_SECONDS + 120) * 1000, intervalMs: 500, what: 'the deadline resuming the execution' },
				);
				assert.equal(done.status, 'success', `the execution ended ${done.status}`);
				const tookMs = new Date(done.stoppedAt).getTime() - new Date(done.startedAt).getTime();
				// n8n's own deadline comes 60 s after the Timeout (and would output the two answers as unanswered).
				assert.ok(tookMs < (DEADLINE_SECONDS + 40) * 1000, `resumed after ${tookMs} ms: n8n's own deadline, not the webhook processor`);
				const runs = done.data.resultData.runData[wf.SOLVE_NODE];
				assert.equal(runs.length, 1, `the 2Captcha node ran ${runs.length} times after resuming`);
				const items = nodeItems(done, wf.SOLVE_NODE);
				assert.equal(items.length, RESUME_ITEMS);
				for (const item of items) {
					const captcha = sandbox.captchas.get(String(item.captchaId));
					assert.ok(captcha, `an item lacks its captcha ID: ${JSON.stringify(item).slice(0, 200)}`);
					if (captcha === held) assert.equal(item.status, 'unanswered', JSON.stringify(item).slice(0, 200));
					else assert.equal(item.solution, captcha.answer, JSON.stringify(item).slice(0, 200));
				}
				return `execution ${executionId}: resumed after ${(tookMs / 1000).toFixed(1)} s (Timeout ${DEADLINE_SECONDS} s) with 2 answers and 1 unanswered; one run`;
			},
		},
	];
}

module.exports = { exactlyOnceCases, pingwaitWorkflow };
