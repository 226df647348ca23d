'use strict';
/**
 * Short forms of the README commands that run until stopped (run by .ci/run):
 *   node .ci/smoke.js start     `npm start` as a new user runs it: the banner, then an example workflow executed
 *                               through n8n's REST API (as the editor's "Execute workflow" does) with a solved
 *                               answer; Ctrl-C; then a second `npm start` in the same folder, which must print only
 *                               what a user needs (no error, no "owner already set up"); Ctrl-C. Nothing may be left running.
 *   node .ci/smoke.js sandbox   `npm run sandbox`: its banner, a getbalance answered with the printed key; Ctrl-C.
 * Env: N8N_PORT (5678), SANDBOX_PORT (2424) as `npm start` reads them.
 */
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const assert = require('node:assert/strict');
const { OWNER, request, waitFor } = require('../test/e2e/lib/server');
const { runMain } = require('../scripts/lib/main');
const { KNOWN_NOTICES } = require('../test/e2e/lib/n8n');

const ROOT = path.resolve(__dirname, '..');
const N8N_PORT = Number(process.env.N8N_PORT ?? 5678);
const BASE_URL = `http://127.0.0.1:${N8N_PORT}`;
const EXAMPLE_ID = JSON.parse(fs.readFileSync(path.join(ROOT, 'examples', 'solve-recaptcha-v2.json'), 'utf8')).id;

/** `npm <args>` in its own process group (so Ctrl-C reaches npm and everything under it, as in a terminal). */
function npm(args, env) {
	const child = spawn('npm', args, { cwd: ROOT, env: { ...process.env, ...env }, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
	let output = '';
	const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve(code ?? signal)));
	for (const stream of [child.stdout, child.stderr]) stream.on('data', (chunk) => (output += chunk));
	const interrupt = async () => {
		process.kill(-child.pid, 'SIGINT');
		const timer = setTimeout(() => process.kill(-child.pid, 'SIGKILL'), 30_000);
		const result = await exited;
		clearTimeout(timer);
		return result;
	};
	return { child, output: () => output, exited, interrupt };
}

/** No process of the group is left (the group's leader is gone; n8n and its task runner must be too). */
async function groupGone(pid) {
	const alive = () => {
		try {
			process.kill(-pid, 0);
			return true;
		} catch {
			return false;
		}
	};
	await waitFor(async () => !alive(), { timeoutMs: 20_000, what: `every process of npm start (group ${pid}) to end` });
}

async function untilBanner(run, what) {
	let ended;
	run.exited.then((code) => (ended = code));
	await waitFor(async () => ended !== undefined || run.output().includes('is running: open'), { timeoutMs: 600_000, intervalMs: 500, what });
	if (ended !== undefined) throw new Error(`npm start ended (${ended}) before ${what}:\n${run.output().slice(-3000)}`);
}

async function logIn() {
	const { response } = await request(`${BASE_URL}/rest/login`, {
		method: 'POST',
		body: { emailOrLdapLoginId: OWNER.email, password: OWNER.password },
	});
	return response.headers
		.getSetCookie()
		.map((c) => c.split(';')[0])
		.join('; ');
}

/** Runs the reCAPTCHA V2 example as the editor's "Execute workflow" does; resolves the 2Captcha node's output. */
async function executeExample(cookie) {
	const { json: workflow } = await request(`${BASE_URL}/rest/workflows/${EXAMPLE_ID}`, { headers: { cookie } });
	const trigger = workflow.data.nodes.find((node) => node.type === 'n8n-nodes-base.manualTrigger');
	const { json } = await request(`${BASE_URL}/rest/workflows/${EXAMPLE_ID}/run`, {
		method: 'POST',
		headers: { cookie },
		body: { workflowData: workflow.data, triggerToStartFrom: { name: trigger.name } },
	});
	const executionId = json.data.executionId;
	const execution = await waitFor(
		async () => {
			const { json: found } = await request(`${BASE_URL}/rest/executions/${executionId}`, { headers: { cookie } });
			return found.data?.finished || ['success', 'error', 'crashed'].includes(found.data?.status) ? found.data : undefined;
		},
		{ timeoutMs: 180_000, intervalMs: 1000, what: `execution ${executionId} of the example` },
	);
	assert.equal(execution.status, 'success', `the example ended ${execution.status}`);
	return execution;
}

/** The solve node's output items, from n8n's stored execution (flatted JSON). */
function solveOutput(execution) {
	const text = typeof execution.data === 'string' ? execution.data : JSON.stringify(execution.data);
	const solution = /"solution":"([^"]+)"|"solution","([^"]+)"/.exec(text);
	return { text, solution: solution?.[1] ?? solution?.[2] };
}

async function start() {
	const userFolder = fs.mkdtempSync(path.join(os.tmpdir(), 'smoke-start-'));
	const env = { N8N_START_USER_FOLDER: userFolder };
	try {
		const first = npm(['start'], env);
		await untilBanner(first, 'the banner of the first npm start');
		console.log(`npm start: banner after ${Math.round(process.uptime())} s`);
		const cookie = await logIn();
		const execution = await executeExample(cookie);
		const { text, solution } = solveOutput(execution);
		assert.match(text, /captchaId/, 'the example output has no captchaId');
		assert.ok(solution, 'the example output has no solution');
		console.log(`npm start: the reCAPTCHA V2 example executed (execution ${execution.id}, status ${execution.status})`);
		await first.interrupt();
		await groupGone(first.child.pid);

		const second = npm(['start'], env);
		await untilBanner(second, 'the banner of the second npm start');
		const noise = second
			.output()
			.split('\n')
			.filter((line) => /\b(4\d\d|5\d\d|error|already|failed|warn)\b/i.test(line) && !KNOWN_NOTICES.some((notice) => notice.test(line)));
		assert.deepEqual(noise, [], `the second npm start printed:\n${noise.join('\n')}`);
		await second.interrupt();
		await groupGone(second.child.pid);
		console.log('npm start: a second start in the same folder prints the banner and nothing alarming; Ctrl-C leaves nothing running');
		return true;
	} finally {
		fs.rmSync(userFolder, { recursive: true, force: true });
	}
}

async function sandbox() {
	const port = Number(process.env.SANDBOX_PORT ?? 2424);
	const run = npm(['run', 'sandbox', '--', '--port', String(port), '--quiet'], {});
	const banner = await waitFor(async () => /key[^\n]*\b([0-9a-f]{32})\b/i.exec(run.output()), { timeoutMs: 30_000, what: 'the sandbox banner' });
	const response = await fetch(`http://127.0.0.1:${port}/res.php`, {
		method: 'POST',
		body: new URLSearchParams({ key: banner[1], action: 'getbalance', json: '1' }),
	});
	const answer = await response.json();
	assert.equal(answer.status, 1, `getbalance answered ${JSON.stringify(answer)}`);
	await run.interrupt();
	await groupGone(run.child.pid);
	console.log(`npm run sandbox: getbalance → ${answer.request}`);
	return true;
}

const commands = { start, sandbox };
const command = commands[process.argv[2]];
if (!command) {
	console.error('usage: node .ci/smoke.js start|sandbox');
	process.exit(2);
}
runMain(`smoke ${process.argv[2]}`, command);
