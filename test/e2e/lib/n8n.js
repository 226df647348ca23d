'use strict';
/**
 * Drives a real n8n (installed by scripts/n8n-env.sh, which exports NODE24 and N8N_BIN) through its CLI:
 * user folders with this pack installed as a community package, import, headless execute, `n8n start`.
 */
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const PACK_ROOT = path.resolve(__dirname, '../../..');
const PACK_NAME = require(path.join(PACK_ROOT, 'package.json')).name;

function requireEnv(name) {
	const value = process.env[name];
	if (!value) throw new Error(`${name} is not set: run through scripts/*.sh, which source scripts/n8n-env.sh`);
	return value;
}

/**
 * Prepares an n8n user folder with the pack where a community install puts it:
 * <folder>/.n8n/nodes/node_modules/n8n-nodes-twocaptcha. It is a symlink to the clone; Node resolves
 * require() from the real path, so the pack's runtime dependencies (undici, form-data) load from the clone's
 * node_modules exactly as they would from nodes/node_modules after `npm install`.
 */
function prepareUserFolder(folder = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-twocaptcha-'))) {
	const modules = path.join(folder, '.n8n', 'nodes', 'node_modules');
	fs.mkdirSync(modules, { recursive: true });
	const link = path.join(modules, PACK_NAME);
	fs.rmSync(link, { force: true, recursive: true });
	// PACK_DIR installs another copy of the pack instead, e.g. an unpacked `npm pack` tarball.
	fs.symlinkSync(path.resolve(process.env.PACK_DIR ?? PACK_ROOT), link, 'dir');
	return folder;
}

/** n8n spawns its JS task runner as plain `node`: Node 24 goes first on PATH so the runner gets it too. */
function n8nEnv(userFolder, extra = {}) {
	const PATH = `${path.dirname(requireEnv('NODE24'))}${path.delimiter}${process.env.PATH}`;
	return { ...process.env, PATH, N8N_USER_FOLDER: userFolder, ...extra };
}

/**
 * Runs one n8n CLI command to completion; resolves { code, signal, timedOut, stdout, stderr } (never rejects on
 * exit codes). `code` is a text such as "killed by SIGSEGV" when the process died from a signal.
 */
function runCli(userFolder, args, { timeoutMs = 120_000, extraEnv = {} } = {}) {
	return new Promise((resolve, reject) => {
		const child = spawn(requireEnv('NODE24'), [requireEnv('N8N_BIN'), ...args], {
			env: n8nEnv(userFolder, extraEnv),
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		let stdout = '';
		let stderr = '';
		child.stdout.on('data', (chunk) => (stdout += chunk));
		child.stderr.on('data', (chunk) => (stderr += chunk));
		let timedOut = false;
		const timer = setTimeout(() => {
			timedOut = true;
			child.kill('SIGKILL');
		}, timeoutMs);
		child.on('error', reject);
		child.on('close', (code, signal) => {
			clearTimeout(timer);
			resolve({ code: signal ? `killed by ${signal}` : code, signal, timedOut, stdout, stderr });
		});
	});
}

async function runCliOrThrow(userFolder, args) {
	const result = await runCli(userFolder, args);
	if (result.code !== 0) {
		throw new Error(`n8n ${args[0]} exited with ${result.code}: ${(result.stderr || result.stdout).trim().slice(-800)}`);
	}
	return result;
}

function writeTempJson(userFolder, name, value) {
	const file = path.join(userFolder, name);
	fs.writeFileSync(file, JSON.stringify(value, null, '\t'));
	return file;
}

/** Imports credential objects ({ id, name, type, data }); a plain `data` object is encrypted on import. */
async function importCredentials(userFolder, credentials) {
	const file = writeTempJson(userFolder, 'import-credentials.json', credentials);
	await runCliOrThrow(userFolder, ['import:credentials', `--input=${file}`]);
}

/** Imports many workflows (each with its own `id`) in one CLI run. */
async function importWorkflows(userFolder, workflows) {
	if (workflows.length === 0) return;
	const file = writeTempJson(userFolder, 'import-workflows.json', workflows);
	await runCliOrThrow(userFolder, ['import:workflow', `--input=${file}`]);
}

/**
 * `execute --rawOutput` prints log lines, then the run as pretty-printed JSON (on failure more log lines follow):
 * parse from the first line that is `{` to the next line that is `}`.
 */
function parseRawOutput(stdout) {
	const match = /^\{\n[\s\S]*?^\}$/m.exec(stdout);
	if (!match) return undefined;
	try {
		return JSON.parse(match[0]);
	} catch {
		return undefined;
	}
}

/**
 * Executes an imported workflow headless. Resolves { ok, code, runData, error, lastNode, retried, stdout, stderr }:
 * `runData` maps node names to their output items' json, `error` is the message n8n reports when a node threw.
 * Concurrent executions need distinct `brokerPort`s: each CLI process starts its own task broker.
 *
 * The n8n 2.41 CLI on Node 24 now and then dies from SIGSEGV (seen about once in 40 runs, also after printing a
 * successful run): such a run is executed once more (with a warning), and `retried` names the signal.
 */
async function executeWorkflow(userFolder, workflowId, { brokerPort = 5679 } = {}) {
	const first = await executeOnce(userFolder, workflowId, brokerPort);
	if (!first.signal || first.timedOut) return first;
	console.warn(`      (n8n execute --id=${workflowId} died from ${first.signal}; executing it once more)`);
	return { ...(await executeOnce(userFolder, workflowId, brokerPort)), retried: first.signal };
}

async function executeOnce(userFolder, workflowId, brokerPort) {
	// `execute` prints the run data through its logger at level info.
	const result = await runCli(userFolder, ['execute', `--id=${workflowId}`, '--rawOutput'], {
		extraEnv: { N8N_LOG_LEVEL: 'info', N8N_RUNNERS_BROKER_PORT: String(brokerPort) },
	});
	const run = parseRawOutput(result.stdout);
	const summary = summariseRun(run);
	return { ...result, ...summary, ok: result.code === 0 && run !== undefined && !summary.error };
}

function summariseRun(run) {
	const resultData = run?.data?.resultData ?? run?.resultData;
	if (!resultData) return { runData: {}, error: undefined };
	const runData = Object.fromEntries(
		Object.entries(resultData.runData ?? {}).map(([node, runs]) => [
			node,
			(runs.at(-1)?.data?.main ?? []).flat().filter(Boolean).map((item) => item.json),
		]),
	);
	return { runData, error: resultData.error?.message, lastNode: resultData.lastNodeExecuted };
}

module.exports = {
	PACK_NAME,
	PACK_ROOT,
	prepareUserFolder,
	n8nEnv,
	runCli,
	importCredentials,
	importWorkflows,
	executeWorkflow,
	parseRawOutput,
	requireEnv,
};
