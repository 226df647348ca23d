'use strict';
/** `npm run sandbox` (node test/sandbox/cli.js) prints a base URL and a working API key. */
const { spawn } = require('node:child_process');
const path = require('node:path');
const { call } = require('./client');

/** Starts the CLI and resolves once its output matches `ready`. */
function startCli(args, ready) {
	const child = spawn(process.execPath, [path.join(__dirname, 'cli.js'), ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
	let output = '';
	const started = new Promise((resolve, reject) => {
		child.stdout.on('data', (chunk) => {
			output += chunk;
			if (ready.test(output)) resolve(output);
		});
		child.stderr.on('data', (chunk) => (output += chunk));
		child.on('exit', (code) => reject(new Error(`cli exited with ${code}: ${output}`)));
	});
	const exited = new Promise((resolve) => child.on('exit', resolve));
	return { child, started, exited, output: () => output };
}

test('prints the base URL and an API key that works, then stops on SIGTERM', async () => {
	const cli = startCli(['--port', '0', '--time-scale', '0.001', '--balance', '12.5'], /API key:\s+\w{32}/);
	const banner = await cli.started;
	const url = /base URL: (http:\/\/127\.0\.0\.1:\d+)/.exec(banner)[1];
	const apiKey = /API key:\s+(\w{32})/.exec(banner)[1];
	expect((await call({ url, apiKey }, 'res.php', { action: 'getbalance' })).body).toEqual({ status: 1, request: '12.5' });
	await new Promise((resolve) => setTimeout(resolve, 50));
	expect(cli.output()).toContain('/res.php key=*** action=getbalance');
	cli.child.kill('SIGTERM');
	expect(await cli.exited).toBe(0);
});

test('--json prints one machine-readable line; faults and the key come from flags', async () => {
	const key = 'b'.repeat(32);
	const cli = startCli(['--port', '0', '--json', '--key', key, '--faults', 'zeroBalance,noSlotRate=0.5'], /\}\n/);
	const { url, apiKey } = JSON.parse(await cli.started);
	expect(apiKey).toBe(key);
	expect((await call({ url, apiKey }, 'res.php', { action: 'getbalance' })).body.request).toBe('0');
	const faults = await fetch(`${url}/sandbox/faults`).then((response) => response.json());
	expect(faults).toMatchObject({ zeroBalance: true, noSlotRate: 0.5 });

	// The control API lets a separate process add keys, change faults and read the log.
	const post = (route, body) => fetch(`${url}/sandbox/${route}`, { method: 'POST', body: JSON.stringify(body) });
	await post('keys', { key: 'c'.repeat(32), balance: 3 });
	await post('faults', {});
	expect((await call({ url, apiKey: 'c'.repeat(32) }, 'res.php', { action: 'getbalance' })).body.request).toBe('3');
	const log = await fetch(`${url}/sandbox/log`).then((response) => response.json());
	expect(log.map((entry) => entry.params.key)).toEqual(['***', '***']);
	cli.child.kill('SIGTERM');
	await cli.exited;
});
