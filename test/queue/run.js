'use strict';
/**
 * n8n in queue mode (`npm run test:queue`: scripts/with-n8n.js installs n8n and packs the pack first): a main process, two
 * workers and one webhook processor on a fresh PostgreSQL database and Redis, the pack installed in each
 * process's user folder, manual executions offloaded to the workers, the sandbox with its request limits on.
 * Prints one line per case, the sandbox's limit answers and `queue: N passed, M failed`; exits 1 when anything
 * failed. Every process is stopped and the database dropped at the end, also on failure.
 *
 * Env: QUEUE_PORT_BASE=<port> (default 5740; uses base … base+39), QUEUE_WORKERS (2), QUEUE_ITEMS (60 per
 * execution), QUEUE_EXECUTIONS (3), QUEUE_REDIS_DB (3), QUEUE_NO_SLOT_RATE (0.02: share of in.php answers that are
 * ERROR_NO_SLOT_AVAILABLE), QUEUE_KEEP=1 (keep user folders and logs),
 * QUEUE_LOCAL_LIMITER=1 (workers do not share the per-key limiter through Redis: for measuring).
 */
const crypto = require('node:crypto');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { spawnSync } = require('node:child_process');
const { startSandbox } = require('../sandbox');
const { assert, runCases } = require('../e2e/lib/harness');
const n8n = require('../e2e/lib/n8n');
const { startServer, setUpOwnerAndApiKey, request, waitFor, sleep } = require('../e2e/lib/server');
const wf = require('../e2e/lib/workflows');
const { limitAnswers, deleteRedisKeys } = require('./lib/report');
const { runMain, seconds } = require('../../scripts/lib/main');
const { exactlyOnceCases, pingwaitWorkflow } = require('./cases/exactlyOnce');

const PORT_BASE = Number(process.env.QUEUE_PORT_BASE ?? 5740);
const WORKERS = Number(process.env.QUEUE_WORKERS ?? 2);
const ITEMS = Number(process.env.QUEUE_ITEMS ?? 60);
const EXECUTIONS = Number(process.env.QUEUE_EXECUTIONS ?? 3);
const REDIS = { host: '127.0.0.1', port: 6379, db: Number(process.env.QUEUE_REDIS_DB ?? 3) };
const PG = { host: '127.0.0.1', port: 5432, user: 'postgres' };
const RUN_ID = `${Date.now().toString(36)}${crypto.randomBytes(3).toString('hex')}`;
const DATABASE = `n8n_queue_${RUN_ID}`;
const PREFIX = `n8nq-${RUN_ID}`;
const PORTS = {
	main: PORT_BASE, // + broker PORT_BASE + 1
	webhook: PORT_BASE + 4, // + broker + 5
	sandbox: PORT_BASE + 8,
	worker: (index) => PORT_BASE + 10 + 3 * index, // + broker +1, health +2
	webhook2: PORT_BASE + 30, // + broker +1 (the exactly-once cases)
};
const RECAPTCHA = { resource: 'captcha', operation: 'recaptchaV2', siteKey: '6Le-wvkSAAAAAPBMRTvw0Q4Muexq9bi0DJwx_mJ-', pageUrl: 'https://example.com/login' };
// The sandbox runs in real time (its request limits too), with short solve times and a few NO_SLOT answers.
const NO_SLOT_RATE = Number(process.env.QUEUE_NO_SLOT_RATE ?? 0.02);
const SANDBOX = { port: PORTS.sandbox, seed: 14, solveTimes: { '*': { min: 2, max: 6 } }, faults: { noSlotRate: NO_SLOT_RATE } };
// Max In Flight above the item count: the in.php limiter, not the node, sets the pace.
const SOLVER_SETTINGS = { firstPollSeconds: 3, pollIntervalSeconds: 2, timeoutSeconds: 180, maxInFlight: 1000 };

function psql(sql) {
	const result = spawnSync('psql', ['-h', PG.host, '-p', String(PG.port), '-U', PG.user, '-d', 'postgres', '-qAtc', sql], { encoding: 'utf8' });
	if (result.status !== 0) throw new Error(`psql failed: ${(result.stderr || result.error?.message || '').trim()}`);
}

/** The settings every process of the installation shares (n8n's queue-mode docs). */
function queueEnv(webhookUrl) {
	return {
		EXECUTIONS_MODE: 'queue',
		QUEUE_BULL_REDIS_HOST: REDIS.host,
		QUEUE_BULL_REDIS_PORT: String(REDIS.port),
		QUEUE_BULL_REDIS_DB: String(REDIS.db),
		QUEUE_BULL_PREFIX: PREFIX,
		DB_TYPE: 'postgresdb',
		DB_POSTGRESDB_HOST: PG.host,
		DB_POSTGRESDB_PORT: String(PG.port),
		DB_POSTGRESDB_DATABASE: DATABASE,
		DB_POSTGRESDB_USER: PG.user,
		DB_POSTGRESDB_PASSWORD: '',
		N8N_ENCRYPTION_KEY: crypto.randomBytes(24).toString('base64url'),
		OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS: 'true',
		N8N_DISABLE_PRODUCTION_MAIN_PROCESS: 'true',
		WEBHOOK_URL: webhookUrl,
		// Workers log "Worker started execution <id>" at info: that is how an execution's worker is known.
		N8N_LOG_LEVEL: 'info',
		N8N_GRACEFUL_SHUTDOWN_TIMEOUT: '5',
		N8N_RUNNERS_BROKER_PORT: String(PORTS.main + 1),
		...(process.env.QUEUE_LOCAL_LIMITER ? { TWOCAPTCHA_SHARED_LIMITER: 'off' } : {}),
	};
}

const httpOk = (url) => async () => (await fetch(url)).ok;

/** Starts main, the workers and the webhook processor, each with its own user folder holding the pack. */
async function startInstallation(state) {
	const folder = (name) => {
		const dir = n8n.prepareUserFolder(fs.mkdtempSync(path.join(os.tmpdir(), `n8n-queue-${name}-`)));
		state.folders.push(dir);
		return dir;
	};
	const mainFolder = folder('main');
	await n8n.importCredentials(mainFolder, [state.credential]);
	await n8n.importWorkflows(mainFolder, state.workflows);

	const start = async (name, promise) => {
		const process = await promise;
		state.processes.push({ name, ...process });
		return process;
	};
	state.main = await start('main', startServer(mainFolder, { port: PORTS.main }));
	await Promise.all([
		...Array.from({ length: WORKERS }, (_, index) => {
			const port = PORTS.worker(index);
			return start(
				`worker${index + 1}`,
				startServer(folder(`worker${index + 1}`), {
					port,
					args: ['worker', '--concurrency=2'],
					extraEnv: { QUEUE_HEALTH_CHECK_ACTIVE: 'true', QUEUE_HEALTH_CHECK_PORT: String(port + 2) },
					isReady: httpOk(`http://127.0.0.1:${port + 2}/healthz/readiness`),
				}),
			);
		}),
		start('webhook', startServer(folder('webhook'), { port: PORTS.webhook, args: ['webhook'], isReady: (base) => httpOk(`${base}/healthz`)() })),
	]);
	state.api = await setUpOwnerAndApiKey(state.main.baseUrl);
}

/** Starts a manual execution the way the editor does; with OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS a worker runs it. */
async function runManually(state, workflowId) {
	const { json } = await request(`${state.main.baseUrl}/rest/workflows/${workflowId}/run`, {
		method: 'POST',
		headers: { cookie: state.api.cookie },
		body: { triggerToStartFrom: { name: wf.MANUAL_TRIGGER } },
	});
	const executionId = json.data?.executionId;
	assert.ok(executionId, `the run answered no execution ID: ${JSON.stringify(json).slice(0, 200)}`);
	return String(executionId);
}

async function finishedExecution(state, executionId, timeoutMs = 150_000) {
	return await waitFor(
		async () => {
			const execution = await state.api.getExecution(executionId);
			return execution.finished || ['success', 'error', 'crashed', 'canceled'].includes(execution.status) ? execution : undefined;
		},
		{ timeoutMs, intervalMs: 500, what: `execution ${executionId} to finish` },
	);
}

/** Which process ran an execution: the worker whose log says "Worker started execution <id> ". */
function workerOf(state, executionId) {
	const pattern = new RegExp(`Worker started execution ${executionId} \\(`);
	return state.processes.filter((p) => pattern.test(p.output())).map((p) => p.name);
}

const nodeItems = (execution, nodeName) =>
	(execution.data?.resultData?.runData?.[nodeName]?.at(-1)?.data?.main ?? []).flat().filter(Boolean).map((item) => item.json);

/** Manual Trigger with `items` pinned (the run's input) → 2Captcha node. */
function manualWorkflow(key, items, parameters, credential) {
	const workflow = wf.workflow({
		key: `${RUN_ID}:${key}`,
		name: `queue ${key}`,
		nodes: [wf.manualTrigger(), wf.solveNode({ ...parameters, solverSettings: SOLVER_SETTINGS }, credential)],
		connections: wf.chain(wf.MANUAL_TRIGGER, wf.SOLVE_NODE),
	});
	workflow.pinData = { [wf.MANUAL_TRIGGER]: items.map((json) => ({ json })) };
	return workflow;
}

function triggerWorkflow(key, credential, secret, registerAddress) {
	const webhookId = crypto.randomUUID();
	const trigger = wf.node('2Captcha Trigger', wf.TRIGGER_NODE_TYPE, { secret, registerAddress }, [0, 0], {
		webhookId,
		credentials: wf.credentialRef(credential),
	});
	const workflow = wf.workflow({ key: `${RUN_ID}:${key}`, name: `queue ${key}`, nodes: [trigger], connections: {} });
	const pingbackUrl = `http://127.0.0.1:${PORTS.webhook}/webhook/${webhookId}/pingback?secret=${encodeURIComponent(secret)}`;
	return { workflow, pingbackUrl, secret };
}

async function postPingback(url, fields) {
	return (await fetch(url, { method: 'POST', body: new URLSearchParams(fields) })).status;
}

/** Lines of a process's log that report an error, minus those the cases provoke on purpose. */
function unexpectedErrors(output) {
	return output
		.split('\n')
		.filter((line) => /\b(error|errors|exception|fatal|unhandled|failed|failure|crash|crashed)\b/i.test(line))
		.filter((line) => !n8n.KNOWN_NOTICES.some((pattern) => pattern.test(line)));
}

function buildCases(state) {
	const { sandbox } = state;
	const pingbacks = () => sandbox.log.filter((entry) => entry.endpoint === 'pingback');

	return [
		{
			name: `queue: ${EXECUTIONS} executions × ${ITEMS} reCAPTCHA V2 items at once on one key, on different workers`,
			run: async () => {
				const started = Date.now();
				const ids = await Promise.all(Array.from({ length: EXECUTIONS }, () => runManually(state, state.bulk.id)));
				const executions = await Promise.all(ids.map((id) => finishedExecution(state, id)));
				const seconds = ((Date.now() - started) / 1000).toFixed(1);
				const captchaIds = new Set();
				for (const execution of executions) {
					assert.equal(execution.status, 'success', `execution ${execution.id} ended ${execution.status}: ${execution.data?.resultData?.error?.message}`);
					const items = nodeItems(execution, wf.SOLVE_NODE);
					assert.equal(items.length, ITEMS, `execution ${execution.id} output ${items.length} items`);
					for (const item of items) {
						assert.ok(item.captchaId && !item.error, `execution ${execution.id}: an item failed: ${JSON.stringify(item).slice(0, 300)}`);
						assert.equal(item.solution, sandbox.captchas.get(String(item.captchaId))?.answer, `captcha ${item.captchaId}: wrong answer`);
						captchaIds.add(String(item.captchaId));
					}
				}
				assert.equal(captchaIds.size, EXECUTIONS * ITEMS, 'two items share a captcha ID');
				const workers = ids.map((id) => workerOf(state, id));
				for (const [index, ran] of workers.entries()) assert.equal(ran.length, 1, `execution ${ids[index]} ran on ${ran.join(', ') || 'no worker'}`);
				const distinct = new Set(workers.flat());
				assert.ok(WORKERS < 2 || distinct.size >= 2, `all executions ran on ${[...distinct].join(', ')}`);
				state.bulkReport = { ...limitAnswers(sandbox.log, state.bulkSince), seconds };
				const { maxUserTurn, errors100x } = state.bulkReport;
				assert.equal(maxUserTurn, 0, `the sandbox answered MAX_USER_TURN ${maxUserTurn} times`);
				assert.equal(Object.keys(errors100x).length, 0, `the sandbox answered ${JSON.stringify(errors100x)}`);
				return `${captchaIds.size} solved in ${seconds} s on ${workers.map((w) => w[0]).join(', ')}`;
			},
		},
		{
			name: 'queue: the async pair: Submit Only on a worker, pingbacks to the webhook processor, the trigger workflow on a worker',
			run: async () => {
				for (const trigger of state.triggers) await state.api.activateWorkflow(trigger.workflow.id);
				const registered = (entry) => entry.endpoint === 'res.php' && entry.params.action === 'add_pingback' && entry.response?.request === 'OK';
				await waitFor(async () => sandbox.log.some(registered), { timeoutMs: 15_000, what: 'add_pingback from the activation' });
				for (const trigger of state.triggers) {
					await waitFor(async () => (await postPingback(trigger.pingbackUrl, { probe: '1' })) === 400, {
						timeoutMs: 15_000,
						what: `the webhook of ${trigger.workflow.name} on the webhook processor`,
					});
				}
				const submitRuns = [];
				for (const [index, submit] of state.submits.entries()) {
					const id = await runManually(state, submit.workflow.id);
					const execution = await finishedExecution(state, id);
					assert.equal(execution.status, 'success', `Submit Only execution ${id} ended ${execution.status}`);
					assert.equal(workerOf(state, id).length, 1, `Submit Only execution ${id} ran on no worker`);
					const items = nodeItems(execution, wf.SOLVE_NODE);
					assert.deepEqual(items.map((item) => item.reference), submit.references);
					for (const item of items) {
						assert.equal(item.status, 'submitted');
						assert.ok(!JSON.stringify(item).includes(state.triggers[index].secret), 'the secret appears in the Submit Only output');
						assert.equal(new URL(item.pingbackUrl).searchParams.get('secret'), '***');
					}
					submitRuns.push(items);
				}
				state.submitted = submitRuns;
				// Every pingback was POSTed to the webhook processor, and each trigger's workflow ran once per captcha, on a worker.
				const total = submitRuns.flat().length;
				await waitFor(async () => pingbacks().filter((p) => p.delivered).length >= total, { timeoutMs: 60_000, what: `${total} pingbacks delivered` });
				for (const entry of pingbacks()) assert.equal(new URL(entry.url).port, String(PORTS.webhook), `a pingback went to ${new URL(entry.url).host}`);
				for (const [index, trigger] of state.triggers.entries()) {
					const expected = new Map(submitRuns[index].map((item) => [String(item.captchaId), item.reference]));
					const executions = await waitFor(
						async () => {
							const list = await state.api.listExecutions(trigger.workflow.id);
							return list.length >= expected.size && list.every((e) => e.finished) && list;
						},
						{ timeoutMs: 30_000, intervalMs: 500, what: `${expected.size} executions of ${trigger.workflow.name}` },
					);
					const webhookLog = state.processes.find((p) => p.name === 'webhook').output();
					const received = executions.flatMap((execution) => {
						assert.match(webhookLog, new RegExp(`Enqueued execution ${execution.id} \\(`), `the webhook processor did not enqueue execution ${execution.id}`);
						assert.equal(workerOf(state, execution.id).length, 1, `trigger execution ${execution.id} ran on no worker`);
						return nodeItems(execution, '2Captcha Trigger');
					});
					assert.equal(received.length, expected.size, `${trigger.workflow.name} received ${received.length} pingbacks, expected ${expected.size}`);
					for (const item of received) {
						assert.ok(expected.has(item.captchaId), `${trigger.workflow.name} received captcha ${item.captchaId}, which is not its own`);
						assert.equal(item.reference, expected.get(item.captchaId), `captcha ${item.captchaId}: wrong reference`);
						assert.equal(item.solution, sandbox.captchas.get(item.captchaId).answer);
					}
				}
				return `${total} pingbacks → webhook processor :${PORTS.webhook}, ${state.triggers.length} trigger workflows on workers`;
			},
		},
		{
			name: 'queue: a replayed pingback starts nothing; a wrong secret gets 401',
			run: async () => {
				assert.ok(state.submitted, 'the async pair did not run');
				const [trigger] = state.triggers;
				const [item] = state.submitted[0];
				const before = (await state.api.listExecutions(trigger.workflow.id)).length;
				const replay = await postPingback(`${trigger.pingbackUrl}&reference=${encodeURIComponent(item.reference)}`, {
					id: String(item.captchaId),
					code: sandbox.captchas.get(String(item.captchaId)).answer,
				});
				assert.equal(replay, 200, `the replay got HTTP ${replay}`);
				const wrong = await postPingback(trigger.pingbackUrl.replace(/secret=[^&]*/, 'secret=wrong-secret'), { id: '123456789', code: 'forged' });
				assert.equal(wrong, 401, `a wrong secret got HTTP ${wrong}`);
				await sleep(3000); // an execution would be stored well within this
				const after = (await state.api.listExecutions(trigger.workflow.id)).length;
				assert.equal(after, before, 'the replay or the forged pingback started an execution');
				return `replay HTTP ${replay}, wrong secret HTTP ${wrong}, executions still ${after}`;
			},
		},
		...exactlyOnceCases(state, { ports: PORTS, runManually, nodeItems }),
		{
			name: "queue: every process's log is free of unexpected errors and secrets",
			run: async () => {
				const problems = state.processes.flatMap((p) => unexpectedErrors(p.output()).map((line) => `${p.name}: ${line.slice(0, 300)}`));
				assert.deepEqual(problems, [], `unexpected errors:\n${problems.slice(0, 10).join('\n')}`);
				const secrets = [sandbox.apiKey, ...state.triggers.map((t) => t.secret)];
				const leaks = state.processes.filter((p) => secrets.some((secret) => p.output().includes(secret)));
				assert.deepEqual(leaks.map((p) => p.name), [], 'the API key or a trigger secret appears in a log');
				return `${state.processes.length} processes, no errors, no secrets`;
			},
		},
	];
}

async function main() {
	const state = { folders: [], processes: [] };
	active = state;
	let result = { passed: 0, failed: 1 };
	try {
		psql(`CREATE DATABASE "${DATABASE}"`);
		state.database = DATABASE;
		Object.assign(process.env, queueEnv(`http://127.0.0.1:${PORTS.webhook}/`));
		state.sandbox = await startSandbox(SANDBOX);
		const credential = wf.sandboxCredential(state.sandbox);
		state.credential = credential;
		const orders = (prefix, count) => Array.from({ length: count }, (_, i) => `${prefix}-${i + 1} ä/&?`);
		state.triggers = [
			triggerWorkflow('trigger-a', credential, crypto.randomBytes(18).toString('base64url'), true),
			triggerWorkflow('trigger-b', credential, crypto.randomBytes(18).toString('base64url'), false),
		];
		state.submits = state.triggers.map((trigger, index) => {
			const references = orders(index ? 'B' : 'A', index ? 2 : 3);
			const parameters = { ...RECAPTCHA, mode: 'submitOnly', pingbackUrl: trigger.pingbackUrl, reference: '={{ $json.order }}' };
			return { references, workflow: manualWorkflow(`submit-${index}`, references.map((order) => ({ order })), parameters, credential) };
		});
		state.bulk = manualWorkflow('bulk', Array.from({ length: ITEMS }, (_, i) => ({ i })), RECAPTCHA, credential);
		state.pingwait = pingwaitWorkflow({ runId: RUN_ID, credential, recaptcha: RECAPTCHA });
		state.pingwaitDeadline = pingwaitWorkflow({ runId: RUN_ID, credential, recaptcha: RECAPTCHA, deadline: true });
		state.workflows = [state.bulk, ...state.triggers.map((t) => t.workflow), ...state.submits.map((s) => s.workflow), state.pingwait, state.pingwaitDeadline];

		console.log(`queue mode: database ${DATABASE}, Redis db ${REDIS.db} prefix ${PREFIX}, sandbox ${state.sandbox.url}`);
		await startInstallation(state);
		console.log(`main :${PORTS.main}, ${WORKERS} workers, webhook processor :${PORTS.webhook} up (${seconds()})`);
		state.bulkSince = state.sandbox.log.length;
		result = await runCases(buildCases(state));
		if (state.bulkReport) {
			const r = state.bulkReport;
			console.log(
				`sandbox answers during the ${EXECUTIONS}×${ITEMS} run: in.php ${r.inRequests} requests (${r.accepted} accepted, ` +
					`peak ${r.peakPer3s} in 3 s, ${r.acceptedPerSecond}/s while submitting), MAX_USER_TURN ${r.maxUserTurn}, ` +
					`NO_SLOT ${r.noSlot}, ERROR 100x ${JSON.stringify(r.errors100x)}, res.php ${r.resRequests}`,
			);
		}
	} catch (error) {
		console.log(`FAIL  queue setup\n      ${String(error.stack ?? error).split('\n').slice(0, 25).join('\n      ')}`);
		result = { passed: result.passed, failed: result.failed || 1 };
	} finally {
		await cleanUp(state);
	}
	return result;
}

async function cleanUp(state) {
	if (state.cleaned) return;
	state.cleaned = true;
	await Promise.all(state.processes.map((p) => p.stop().catch(() => undefined)));
	if (process.env.QUEUE_KEEP) {
		for (const p of state.processes) fs.writeFileSync(path.join(state.folders[0], `${p.name}.log`), p.output());
		console.log(`kept ${state.folders.join(' ')}`);
	} else {
		for (const folder of state.folders) fs.rmSync(folder, { recursive: true, force: true });
	}
	await state.sandbox?.close();
	try {
		if (state.database) psql(`DROP DATABASE IF EXISTS "${state.database}" WITH (FORCE)`);
	} catch (error) {
		console.log(`could not drop ${state.database}: ${error.message}`);
	}
	await deleteRedisKeys(REDIS, PREFIX).catch((error) => console.log(`could not delete Redis keys ${PREFIX}*: ${error.message}`));
}

// Interrupted: stop the processes and drop the database all the same.
let active;
for (const signal of ['SIGINT', 'SIGTERM']) {
	process.once(signal, () => {
		console.log(`\n${signal}: stopping n8n, dropping the database`);
		void (active ? cleanUp(active) : Promise.resolve()).finally(() => process.exit(1));
	});
}

runMain('queue', main, { suite: true });
