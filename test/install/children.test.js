'use strict';
/**
 * A command that fails stops every child it started (scripts/lib/children.js): after an uncaught error, a
 * process.exit(1) or a SIGTERM, no child it tracked is left running.
 */
const { spawn } = require('node:child_process');
const path = require('node:path');

const CHILDREN = path.resolve(__dirname, '../../scripts/lib/children.js');

/** A command that starts a long-lived child (as n8n or the bench sandbox are), prints its pid, then `ending`. */
function command(ending) {
	const source = `
		const { spawn } = require('node:child_process');
		const { track } = require(${JSON.stringify(CHILDREN)});
		const child = track(spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' }));
		console.log(child.pid);
		setTimeout(() => { ${ending} }, 200);
		setInterval(() => {}, 1000);
	`;
	return spawn(process.execPath, ['-e', source], { stdio: ['ignore', 'pipe', 'ignore'] });
}

const alive = (pid) => {
	try {
		process.kill(pid, 0);
		return true;
	} catch {
		return false;
	}
};

async function childOf(parent) {
	const pid = await new Promise((resolve) => parent.stdout.once('data', (chunk) => resolve(Number(String(chunk).trim()))));
	expect(alive(pid)).toBe(true);
	return pid;
}

async function gone(pid) {
	for (let i = 0; i < 50 && alive(pid); i++) await new Promise((resolve) => setTimeout(resolve, 100));
	return !alive(pid);
}

test.each([
	['an uncaught error', 'throw new Error("boom")'],
	['process.exit(1)', 'process.exit(1)'],
])('after %s the child is stopped', async (_, ending) => {
	const parent = command(ending);
	const pid = await childOf(parent);
	const code = await new Promise((resolve) => parent.on('exit', resolve));
	expect(code).not.toBe(0);
	expect(await gone(pid)).toBe(true);
});

test('after SIGTERM the child is stopped', async () => {
	const parent = command('');
	const pid = await childOf(parent);
	parent.kill('SIGTERM');
	await new Promise((resolve) => parent.on('exit', resolve));
	expect(await gone(pid)).toBe(true);
});

test('after SIGTERM an npm run of the install (scripts/lib/isolatedNpm.js) is stopped, not left installing', async () => {
	const fs = require('node:fs');
	const os = require('node:os');
	const bin = fs.mkdtempSync(path.join(os.tmpdir(), 'fake-npm-'));
	try {
		// An `npm` that prints its pid and then "installs" for a minute.
		fs.writeFileSync(path.join(bin, 'npm'), `#!${process.execPath}\nconsole.log(process.pid); setTimeout(() => {}, 60000);\n`, { mode: 0o755 });
		const source = `
			const { runNpm } = require(${JSON.stringify(path.resolve(__dirname, '../../scripts/lib/isolatedNpm.js'))});
			runNpm(process.cwd(), ['install', 'n8n'], { attempts: 1 }).catch(() => undefined);
			setInterval(() => {}, 1000);
		`;
		const parent = spawn(process.execPath, ['-e', source], { cwd: bin, env: { ...process.env, PATH: `${bin}${path.delimiter}${process.env.PATH}` }, stdio: ['ignore', 'ignore', 'pipe'] });
		const pid = await new Promise((resolve) => parent.stderr.once('data', (chunk) => resolve(Number(String(chunk).trim()))));
		expect(alive(pid)).toBe(true);
		parent.kill('SIGTERM');
		await new Promise((resolve) => parent.on('exit', resolve));
		expect(await gone(pid)).toBe(true);
	} finally {
		fs.rmSync(bin, { recursive: true, force: true });
	}
});
