'use strict';
/**
 * npm run in a folder outside this project (the n8n cache, an n8n user folder) with an environment of its own.
 *
 * `npm run` / `npm start` export the project's whole npm configuration to their children as `npm_config_*`
 * variables (this project's .npmrc sets strict-allow-scripts), plus `npm_package_*` and `npm_lifecycle_*`, and put
 * the project's node_modules/.bin first on PATH. An npm started below inherits all of that as if it were its own
 * configuration, so the project's install policy would reach n8n's install. Here every such variable is dropped,
 * whatever launched us (npm run, npm start, bash, CI), except the settings that only say how to reach the registry;
 * the nested npm reads the user's and the machine's npmrc files itself, as it would from a terminal.
 */
const { spawn } = require('node:child_process');
const { track } = require('./children');

/** Registry access only (where, through which proxy, trusting which CA, which download cache, how hard to retry). */
const NETWORK_SETTINGS = new Set([
	'registry',
	'cafile',
	'ca',
	'cert',
	'key',
	'strict_ssl',
	'proxy',
	'https_proxy',
	'http_proxy',
	'noproxy',
	'cache',
	'userconfig',
	'globalconfig',
	'fetch_retries',
	'fetch_retry_factor',
	'fetch_retry_mintimeout',
	'fetch_retry_maxtimeout',
	'fetch_timeout',
	'maxsockets',
]);

/** PATH entries `npm run` adds: every node_modules/.bin up the tree and npm's node-gyp shim folder. */
const NPM_RUN_PATH_ENTRY = /([\\/]node_modules[\\/]\.bin|[\\/]node-gyp-bin)[\\/]?$/;

/** `env` without what `npm run` exported from the project (npm settings, package fields, lifecycle, PATH entries). */
function isolatedNpmEnv(env = process.env) {
	const clean = {};
	for (const [name, value] of Object.entries(env)) {
		const setting = /^npm_config_(.+)$/i.exec(name)?.[1].toLowerCase().replace(/-/g, '_');
		if (setting !== undefined ? !NETWORK_SETTINGS.has(setting) : /^(npm_|init_cwd$)/i.test(name)) continue;
		clean[name] = value;
	}
	const pathKey = Object.keys(clean).find((name) => name.toUpperCase() === 'PATH') ?? 'PATH';
	clean[pathKey] = (clean[pathKey] ?? '')
		.split(':')
		.filter((entry) => entry && !NPM_RUN_PATH_ENTRY.test(entry))
		.join(':');
	return clean;
}

/** npm answers that say the registry or the network failed this time: worth another attempt. */
const TRANSIENT =
	/\b(ECONNRESET|ETIMEDOUT|ESOCKETTIMEDOUT|ERR_SOCKET_TIMEOUT|EAI_AGAIN|ECONNREFUSED|ENOTFOUND|EPIPE|EHOSTUNREACH|ENETUNREACH|ECONNABORTED|E408|E429|E5\d\d|socket hang up|network timeout|Premature close|aborted)\b/i;

const OUTPUT_KEPT = 64 * 1024;

/** One npm run; resolves { code, output } (the last 64 KB of stdout and stderr), with the output shown live when `echo`. */
function npmOnce(dir, args, { env, echo }) {
	return new Promise((resolve, reject) => {
		// Tracked: a command stopped by a signal (CI's timeout, a kill) stops its npm too, never leaves it installing.
		const child = track(spawn('npm', args, { cwd: dir, env, stdio: ['ignore', 'pipe', 'pipe'] }));
		let output = '';
		const keep = (chunk, stream) => {
			output = (output + chunk).slice(-OUTPUT_KEPT);
			if (echo) stream.write(chunk);
		};
		child.stdout.on('data', (chunk) => keep(chunk, process.stderr));
		child.stderr.on('data', (chunk) => keep(chunk, process.stderr));
		child.on('error', reject);
		child.on('close', (code, signal) => resolve({ code: signal ? 128 : code, signal, output }));
	});
}

/**
 * Runs `npm <args>` in `dir` with isolatedNpmEnv(env) + `extraEnv`; quiet (`--loglevel=error`, no audit, no fund).
 * A failure whose output names a transient network or registry error is tried again, `attempts` runs in all,
 * waiting `retryDelayMs`, then twice that, … (npm's own per-request retries come first: `--fetch-retries=5`).
 * Rejects with the end of npm's output otherwise.
 */
async function runNpm(dir, args, { env = process.env, extraEnv = {}, attempts = 4, retryDelayMs = 15_000, log = () => {}, echo = true } = {}) {
	const fullArgs = [
		...args,
		'--no-audit',
		'--no-fund',
		'--loglevel=error',
		'--fetch-retries=5',
		'--fetch-retry-mintimeout=5000',
		'--fetch-retry-maxtimeout=60000',
	];
	const childEnv = { ...isolatedNpmEnv(env), ...extraEnv };
	for (let attempt = 1; ; attempt++) {
		const { code, signal, output } = await npmOnce(dir, fullArgs, { env: childEnv, echo });
		if (code === 0) return output;
		const transient = !signal && TRANSIENT.exec(output);
		if (!transient || attempt >= attempts) {
			const error = new Error(
				`npm ${args.join(' ')} failed${signal ? ` (${signal})` : ''} in ${dir}${transient ? ` after ${attempt} attempts` : ''}:\n${output.trim().split('\n').slice(-30).join('\n')}`,
			);
			error.output = output;
			throw error;
		}
		const wait = retryDelayMs * 2 ** (attempt - 1);
		log(`npm ${args[0]} failed with a network/registry error (${transient[1]}); trying again in ${Math.round(wait / 1000)} s (attempt ${attempt + 1} of ${attempts})`);
		await new Promise((resolve) => setTimeout(resolve, wait));
	}
}

module.exports = { isolatedNpmEnv, runNpm, NETWORK_SETTINGS };
