'use strict';
/**
 * The n8n install (scripts/lib/n8nInstall.js) runs its npm with an environment of its own: started under
 * `npm run` (which exports this project's .npmrc, strict-allow-scripts, as npm_config_* variables), the nested
 * install and rebuild of a package with an install script still succeed. Also: a half-finished install is redone,
 * a failed one leaves no marker, transient registry errors are retried, concurrent commands take turns.
 * Offline: the packages are local tarballs.
 */
const { spawn, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { isolatedNpmEnv, runNpm, NETWORK_SETTINGS } = require('../../scripts/lib/isolatedNpm');
const { installStep, stepState, acquireLock } = require('../../scripts/lib/n8nInstall');

const ROOT = path.resolve(__dirname, '../..');
jest.setTimeout(60_000);

let work;
let runEnv;
/** What the installer said (its progress goes to stderr), kept out of the test output. */
let messages;
let stderr;
beforeAll(() => {
	runEnv = npmRunEnv();
});
beforeEach(() => {
	work = fs.mkdtempSync(path.join(os.tmpdir(), 'isolated-install-'));
	messages = [];
	stderr = jest.spyOn(process.stderr, 'write').mockImplementation((text) => (messages.push(String(text)), true));
});
afterEach(() => {
	stderr.mockRestore();
	fs.rmSync(work, { recursive: true, force: true });
});

/** The environment `npm run <script>` gives a script of this project, read from `npm run env`. */
function npmRunEnv() {
	const result = spawnSync('npm', ['run', 'env'], { cwd: ROOT, encoding: 'utf8' });
	expect(result.status).toBe(0);
	const env = {};
	for (const line of result.stdout.split('\n')) {
		const match = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/.exec(line);
		if (match) env[match[1]] = match[2];
	}
	return env;
}

/** A local package tarball whose install script writes built.txt (or fails, like a broken native build). */
function nativeLikePackage(name, { fails = false } = {}) {
	const dir = path.join(work, `${name}-src`);
	fs.mkdirSync(dir);
	const script = fails ? 'node -e "process.exit(3)"' : `node -e "require('fs').writeFileSync('built.txt', process.version)"`;
	fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name, version: '1.0.0', scripts: { install: script } }));
	const tarball = path.join(work, `${name}-1.0.0.tgz`);
	const tar = spawnSync('tar', ['-czf', tarball, '-C', work, '--transform', `s,^${name}-src,package,`, `${name}-src`]);
	expect(tar.status).toBe(0);
	return tarball;
}

function step(dir, tarball, name, env, extra = {}) {
	return {
		dir,
		label: name,
		spec: tarball,
		files: [path.join(dir, 'node_modules', name, 'package.json')],
		rebuild: [name],
		npmOptions: { env, attempts: 1 },
		...extra,
	};
}

test('the environment of `npm run` carries the project npm policy (so the test below means something)', () => {
	const env = runEnv;
	expect(env.npm_config_strict_allow_scripts).toBe('true');
	expect(env.npm_lifecycle_event).toBe('env');
	const isolated = isolatedNpmEnv(env);
	const networkOnly = (name) => NETWORK_SETTINGS.has(name.toLowerCase().replace(/^npm_config_/, ''));
	expect(Object.keys(isolated).filter((name) => /^npm_/i.test(name) && !networkOnly(name))).toEqual([]);
	expect(isolated.npm_config_strict_allow_scripts).toBeUndefined();
	expect(isolated.PATH.split(':').some((entry) => entry.endsWith('node_modules/.bin'))).toBe(false);
	expect(isolated.HOME).toBe(env.HOME);
});

test('keeps how to reach the registry, whoever set it, and drops every other npm setting', () => {
	const isolated = isolatedNpmEnv({
		PATH: `/p/node_modules/.bin:/usr/lib/node_modules/npm/node_modules/@npmcli/run-script/lib/node-gyp-bin:/usr/bin`,
		NPM_CONFIG_REGISTRY: 'https://mirror.example/',
		npm_config_https_proxy: 'http://proxy:3128',
		npm_config_cache: '/tmp/npm-cache',
		npm_config_strict_allow_scripts: 'true',
		npm_config_ignore_scripts: 'true',
		NPM_CONFIG_ALLOW_SCRIPTS: 'x',
		npm_package_name: 'n8n-nodes-twocaptcha',
		npm_lifecycle_script: 'jest',
		INIT_CWD: '/p',
		HTTPS_PROXY: 'http://proxy:3128',
	});
	expect(isolated).toEqual({
		PATH: '/usr/bin',
		NPM_CONFIG_REGISTRY: 'https://mirror.example/',
		npm_config_https_proxy: 'http://proxy:3128',
		npm_config_cache: '/tmp/npm-cache',
		HTTPS_PROXY: 'http://proxy:3128',
	});
});

test('under `npm run`, a package with an install script installs and rebuilds (a plain nested npm fails)', async () => {
	const env = runEnv;
	const tarball = nativeLikePackage('native-like');

	// The bug this guards against: an npm that inherits `npm run`'s environment refuses the rebuild.
	const leaky = path.join(work, 'leaky');
	fs.mkdirSync(leaky);
	fs.writeFileSync(path.join(leaky, 'package.json'), '{"private":true}');
	expect(spawnSync('npm', ['install', tarball, '--ignore-scripts'], { cwd: leaky, env, encoding: 'utf8' }).status).toBe(0);
	const refused = spawnSync('npm', ['rebuild', 'native-like', '--ignore-scripts=false'], { cwd: leaky, env, encoding: 'utf8' });
	expect(refused.status).not.toBe(0);
	expect(refused.stderr).toMatch(/ESTRICTALLOWSCRIPTS|allowScripts/);

	const dir = path.join(work, 'cache', 'native-like');
	await expect(installStep(step(dir, tarball, 'native-like', env))).resolves.toBe('installed');
	expect(fs.readFileSync(path.join(dir, 'node_modules', 'native-like', 'built.txt'), 'utf8')).toMatch(/^v\d+/);
	expect(stepState(dir, step(dir, tarball, 'native-like', env).files)).toBe('complete');
	await expect(installStep(step(dir, tarball, 'native-like', env))).resolves.toBe('cached');
});

test('a half-finished install (no marker) is removed and redone, saying so; a marker without its files is damaged', async () => {
	const env = runEnv;
	const tarball = nativeLikePackage('native-like');
	const dir = path.join(work, 'cache', 'native-like');
	fs.mkdirSync(path.join(dir, 'node_modules'), { recursive: true });
	fs.writeFileSync(path.join(dir, 'node_modules', 'left-over'), 'interrupted download');
	expect(stepState(dir)).toBe('incomplete');
	await expect(installStep(step(dir, tarball, 'native-like', env))).resolves.toBe('installed');
	expect(fs.existsSync(path.join(dir, 'node_modules', 'left-over'))).toBe(false);
	expect(messages.join('')).toMatch(/is incomplete \(an earlier install was interrupted or failed\): removing it and installing again/);

	// A marker without the files it vouches for: redone the same way.
	fs.rmSync(path.join(dir, 'node_modules', 'native-like'), { recursive: true });
	expect(stepState(dir, step(dir, tarball, 'native-like', env).files)).toBe('damaged');
});

test('a failed rebuild leaves no marker, so the next run installs again', async () => {
	const env = runEnv;
	const dir = path.join(work, 'cache', 'broken-native');
	const broken = nativeLikePackage('broken-native', { fails: true });
	await expect(installStep(step(dir, broken, 'broken-native', env))).rejects.toThrow(/npm rebuild broken-native .*failed/);
	expect(stepState(dir)).toBe('incomplete');
	const verify = jest.fn(() => {
		throw new Error('sqlite3 does not load');
	});
	const good = nativeLikePackage('native-like');
	await expect(installStep(step(dir, good, 'native-like', env, { verify }))).rejects.toThrow('sqlite3 does not load');
	expect(stepState(dir)).toBe('incomplete');
});

/** An `npm` stand-in first on PATH: answers each run with the next of `answers` ([exit code, stderr]). */
function fakeNpm(answers) {
	const bin = path.join(work, 'bin');
	fs.mkdirSync(bin);
	const state = path.join(work, 'npm-runs');
	fs.writeFileSync(
		path.join(bin, 'npm'),
		`#!/usr/bin/env node
const fs = require('fs');
const runs = fs.existsSync(${JSON.stringify(state)}) ? Number(fs.readFileSync(${JSON.stringify(state)}, 'utf8')) : 0;
fs.writeFileSync(${JSON.stringify(state)}, String(runs + 1));
const [code, text] = ${JSON.stringify(answers)}[runs];
process.stderr.write(text);
process.exit(code);
`,
		{ mode: 0o755 },
	);
	return { env: { ...process.env, PATH: `${bin}:${process.env.PATH}` }, runs: () => Number(fs.readFileSync(state, 'utf8')) };
}

test('transient registry errors are retried; other errors are not', async () => {
	const log = jest.fn();
	const flaky = fakeNpm([
		[1, 'npm error code ECONNRESET\nnpm error network aborted'],
		[1, 'npm error code E503\nnpm error 503 Service Unavailable'],
		[0, 'added 1 package'],
	]);
	await expect(runNpm(work, ['install', 'x'], { env: flaky.env, retryDelayMs: 5, log, echo: false })).resolves.toMatch(/added 1 package/);
	expect(flaky.runs()).toBe(3);
	expect(log.mock.calls.map(([message]) => message)).toEqual([
		expect.stringMatching(/network\/registry error \(ECONNRESET\); trying again .*attempt 2 of 4/),
		expect.stringMatching(/\(E503\).*attempt 3 of 4/),
	]);
});

test('a permanent error fails at once, with npm’s message', async () => {
	fs.rmSync(path.join(work), { recursive: true, force: true });
	fs.mkdirSync(work);
	const missing = fakeNpm([[1, 'npm error code ETARGET\nnpm error notarget No matching version found for n8n@9.9.9.']]);
	await expect(runNpm(work, ['install', 'n8n@9.9.9'], { env: missing.env, retryDelayMs: 5, echo: false })).rejects.toThrow(/ETARGET/);
	expect(missing.runs()).toBe(1);
});

test('commands started together take turns on the install lock: the second waits, saying so, then goes on', async () => {
	const lock = path.join(work, '.install.lock');
	const releaseFirst = await acquireLock(lock);
	// The second command is a process of its own with nothing else to do: waiting must keep it alive.
	const installer = JSON.stringify(path.join(ROOT, 'scripts/lib/n8nInstall.js'));
	const second = spawn(
		process.execPath,
		['-e', `require(${installer}).acquireLock(${JSON.stringify(lock)}, { onWait: () => console.log('waiting') }).then((release) => { console.log('locked'); release(); })`],
		{ stdio: ['ignore', 'pipe', 'inherit'] },
	);
	let output = '';
	second.stdout.on('data', (chunk) => (output += chunk));
	const exited = new Promise((resolve) => second.on('exit', resolve));
	await new Promise((resolve) => setTimeout(resolve, 2500));
	expect(output).toBe('waiting\n');
	releaseFirst();
	expect(await exited).toBe(0);
	expect(output).toBe('waiting\nlocked\n');
});
