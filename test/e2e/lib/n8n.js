'use strict';
/**
 * Drives a real n8n (installed by scripts/with-n8n.js, which exports NODE24 and N8N_BIN) through its CLI:
 * user folders with this pack's tarball installed as n8n installs a community package, import, headless execute, `n8n start`.
 */
const { execFileSync, spawn } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { isolatedNpmEnv } = require('../../../scripts/lib/isolatedNpm');
const { track } = require('../../../scripts/lib/children');

const PACK_ROOT = path.resolve(__dirname, '../../..');
const PACK_NAME = require(path.join(PACK_ROOT, 'package.json')).name;

function requireEnv(name) {
	const value = process.env[name];
	if (!value) throw new Error(`${name} is not set: run this through scripts/with-n8n.js (as the npm scripts do), which installs n8n`);
	return value;
}

/**
 * The packed tarball: $PACK_TARBALL when set (scripts/with-n8n.js packs once per run), else (or when `fresh`)
 * `npm pack` now (prepack builds dist/) into .cache/pack. What is tested is what `npm publish` would upload.
 */
function packTarball({ fresh = false } = {}) {
	const given = process.env.PACK_TARBALL;
	if (!fresh && given && fs.existsSync(given)) return given;
	const destination = path.join(PACK_ROOT, '.cache', 'pack');
	fs.rmSync(destination, { recursive: true, force: true });
	fs.mkdirSync(destination, { recursive: true });
	execFileSync('npm', ['pack', '--silent', '--pack-destination', destination], {
		cwd: PACK_ROOT,
		stdio: ['ignore', 'ignore', 'inherit'],
	});
	const tarball = path.join(destination, fs.readdirSync(destination).find((name) => name.endsWith('.tgz')));
	process.env.PACK_TARBALL = tarball;
	return tarball;
}

/**
 * Installs the packed tarball into <userFolder>/.n8n/nodes the way n8n 2.41's CommunityPackagesService installs a
 * community package (downloadPackage in modules/community-packages): unpack into nodes/node_modules/<name>, drop
 * devDependencies, peerDependencies and optionalDependencies from its package.json, `npm install` its runtime
 * dependencies inside it (shallow, no scripts, no lockfile), and record it in nodes/package.json.
 */
function installPackedTarball(userFolder, tarball = packTarball()) {
	const nodesDir = path.join(userFolder, '.n8n', 'nodes');
	const packageDir = path.join(nodesDir, 'node_modules', PACK_NAME);
	fs.rmSync(packageDir, { recursive: true, force: true });
	fs.mkdirSync(packageDir, { recursive: true });
	execFileSync('tar', ['-xzf', tarball, '-C', packageDir, '--strip-components=1']);
	const manifestPath = path.join(packageDir, 'package.json');
	const { devDependencies, peerDependencies, optionalDependencies, ...manifest } = JSON.parse(
		fs.readFileSync(manifestPath, 'utf8'),
	);
	fs.writeFileSync(manifestPath, JSON.stringify(manifest, null, 2));
	const npmArgs = ['--audit=false', '--fund=false', '--bin-links=false', '--install-strategy=shallow', '--fetch-retries=5'];
	// An npm of its own: not this project's npm settings, which `npm run` exports to its children.
	execFileSync('npm', ['install', ...npmArgs, '--ignore-scripts=true', '--package-lock=false', '--loglevel=error'], {
		cwd: packageDir,
		env: isolatedNpmEnv(),
		stdio: ['ignore', 'ignore', 'inherit'],
	});
	const nodesManifestPath = path.join(nodesDir, 'package.json');
	const nodesManifest = fs.existsSync(nodesManifestPath)
		? JSON.parse(fs.readFileSync(nodesManifestPath, 'utf8'))
		: { name: 'installed-nodes', private: true, dependencies: {} };
	nodesManifest.dependencies = { ...nodesManifest.dependencies, [PACK_NAME]: manifest.version };
	fs.writeFileSync(nodesManifestPath, JSON.stringify(nodesManifest, null, 2));
}

/** An n8n user folder with the pack installed as a community package (see installPackedTarball). */
function prepareUserFolder(folder = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-twocaptcha-'))) {
	installPackedTarball(folder);
	return folder;
}

/**
 * Offline operation: n8n's features that reach the internet are off, not their errors filtered: telemetry, update
 * checks, templates, banners, the verified community nodes list (api.n8n.io / api-staging.n8n.io; unverified
 * packages such as this one still load), cloud-backed modules. Settings whose defaults n8n 2.41 announces will
 * change are set to today's defaults, so n8n prints no deprecation notice for them. Two notices remain (n8n has no
 * setting for them): the Python task runner needs a virtualenv n8n does not ship in its npm package (JavaScript
 * Code nodes run), and the internal task runner mode is deprecated.
 */
const OFFLINE_SETTINGS = Object.freeze({
	N8N_DIAGNOSTICS_ENABLED: 'false',
	N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
	N8N_TEMPLATES_ENABLED: 'false',
	N8N_DYNAMIC_BANNERS_ENABLED: 'false',
	N8N_HIRING_BANNER_ENABLED: 'false',
	N8N_VERIFIED_PACKAGES_ENABLED: 'false',
	N8N_UNVERIFIED_PACKAGES_ENABLED: 'true',
	N8N_RUNNERS_TASK_TIMEOUT: '300',
	N8N_COMPRESSION_NODE_MAX_DECOMPRESSED_SIZE_BYTES: '2147483648',
	N8N_COMPRESSION_NODE_MAX_ZIP_ENTRIES: '5000',
	N8N_PERSONALIZATION_ENABLED: 'false',
	N8N_LISTEN_ADDRESS: '127.0.0.1',
	N8N_HOST: '127.0.0.1',
	N8N_SECURE_COOKIE: 'false',
	N8N_DISABLED_MODULES: 'mcp-registry,agents,instance-ai,workflow-builder,chat-hub,insights',
	N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'false',
});

/**
 * Lines n8n 2.41 prints at every start here that need no action (the README says so): its Python task runner has
 * no virtualenv in n8n's npm package (JavaScript Code nodes run); the internal task runner mode is deprecated.
 */
const KNOWN_NOTICES = Object.freeze([
	/^Failed to start Python task runner in internal mode\. because its virtual environment is missing/,
	/^There is a deprecation related to your n8n setup/,
	/^ - N8N_RUNNERS_MODE -> Internal task runner mode is deprecated/,
]);

/**
 * The environment of every n8n process: ours, the offline settings, quiet logs unless N8N_LOG_LEVEL says otherwise,
 * the user folder. n8n spawns its JS task runner as plain `node`: Node 24 goes first on PATH so the runner gets it too.
 */
function n8nEnv(userFolder, extra = {}) {
	const PATH = `${path.dirname(requireEnv('NODE24'))}${path.delimiter}${process.env.PATH}`;
	return {
		...process.env,
		...OFFLINE_SETTINGS,
		N8N_LOG_LEVEL: process.env.N8N_LOG_LEVEL ?? 'warn',
		PATH,
		N8N_USER_FOLDER: userFolder,
		...extra,
	};
}

/**
 * Runs one n8n CLI command to completion; resolves { code, signal, timedOut, stdout, stderr } (never rejects on
 * exit codes). `code` is a text such as "killed by SIGSEGV" when the process died from a signal.
 */
function runCli(userFolder, args, { timeoutMs = 120_000, extraEnv = {} } = {}) {
	return new Promise((resolve, reject) => {
		const child = track(
			spawn(requireEnv('NODE24'), [requireEnv('N8N_BIN'), ...args], {
				env: n8nEnv(userFolder, extraEnv),
				stdio: ['ignore', 'pipe', 'pipe'],
			}),
		);
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

const EXECUTE_TIMEOUT_MS = 120_000;

/**
 * Executes an imported workflow headless, exactly once: a workflow that pays 2Captcha is never run twice.
 * Resolves { ok, reason, code, signal, runData, error, lastNode, stdout, stderr }: `runData` maps node names to their
 * output items' json, `error` is the message n8n reports when a node threw, `reason` says why a run is not `ok`
 * (n8n's error, or how the CLI ended without printing a run). Concurrent executions need distinct `brokerPort`s:
 * each CLI process starts its own task broker.
 *
 * Why a run can end with SIGSEGV after it was printed (n8n 2.41.1, also with no community package installed):
 * `execute` prints the stored run, then BaseCommand.finally calls process.exit without disposing n8n's
 * expression engine (its other exit path, exitSuccessFully, does). Each execution takes the isolate pool's warm
 * isolate and the pool builds the next one on isolated-vm's threads; when that build (or the used isolate's
 * teardown) is still running as exit() runs isolated-vm's thread-pool destructor, V8 faults on that thread. Short
 * executions and a loaded machine hit it most. The printed run is complete: it counts, and `signal` names the crash.
 * A CLI that ends by a signal, a timeout or an exit code without printing a run fails with that as its `reason`.
 */
async function executeWorkflow(userFolder, workflowId, { brokerPort = 5679 } = {}) {
	// `execute` prints the run data through its logger at level info.
	const result = await runCli(userFolder, ['execute', `--id=${workflowId}`, '--rawOutput'], {
		timeoutMs: EXECUTE_TIMEOUT_MS,
		extraEnv: { N8N_LOG_LEVEL: 'info', N8N_RUNNERS_BROKER_PORT: String(brokerPort) },
	});
	const run = parseRawOutput(result.stdout);
	const summary = summariseRun(run);
	const printed = run !== undefined;
	const ended = result.code === 0 || (printed && result.signal !== null && !result.timedOut);
	const ok = printed && ended && !summary.error;
	if (ok && result.signal) {
		console.warn(`      (n8n execute --id=${workflowId} printed its run, then died from ${result.signal} at exit: the printed run is used, nothing runs twice)`);
	}
	return { ...result, ...summary, ok, reason: ok ? undefined : failureReason(result, printed, summary) };
}

function failureReason(result, printed, summary) {
	if (summary.error) return summary.error;
	const tail = (result.stderr || result.stdout).trim().slice(-600) || '(no output)';
	const limit = `${EXECUTE_TIMEOUT_MS / 1000} s`;
	if (result.timedOut) return `n8n execute ${printed ? 'printed its run but did not exit' : 'printed no run'} within ${limit} and was killed: ${tail}`;
	if (!printed) return `n8n execute ${result.signal ? `died from ${result.signal}` : `exited with ${result.code}`} before printing a run: ${tail}`;
	return `n8n execute printed a successful run but exited with ${result.code}: ${tail}`;
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
	packTarball,
	installPackedTarball,
	prepareUserFolder,
	n8nEnv,
	runCli,
	importCredentials,
	importWorkflows,
	executeWorkflow,
	parseRawOutput,
	requireEnv,
	KNOWN_NOTICES,
};
