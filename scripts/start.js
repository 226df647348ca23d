'use strict';
/**
 * `npm start` (via start.sh): a local n8n with this pack, a 2Captcha credential and the example workflows.
 *
 * Without TWOCAPTCHA_API_KEY the credential points at the sandbox (real-time, http://127.0.0.1:2424, fixed key)
 * and the pingback-trigger example is published, so the async pair works locally. With TWOCAPTCHA_API_KEY the
 * credential uses https://2captcha.com and no sandbox runs. Ctrl-C stops n8n and the sandbox.
 */
const fs = require('node:fs');
const path = require('node:path');
const { startSandbox } = require('../test/sandbox');
const n8n = require('../test/e2e/lib/n8n');
const { startServer, OWNER } = require('../test/e2e/lib/server');
const wf = require('../test/e2e/lib/workflows');
const { loadExamples, isHeadless, adaptExample } = require('../test/e2e/lib/examples');

// N8N_PORT (from scripts/n8n-env.sh) moves n8n; the examples' Pingback URL is imported pointing at it.
const N8N_PORT = Number(process.env.N8N_PORT ?? 5678);
const N8N_URL = `http://127.0.0.1:${N8N_PORT}`;
const SANDBOX_PORT = Number(process.env.SANDBOX_PORT ?? 2424);
const SANDBOX_KEY = 'a2c0ffee5a2dbeef0123456789abcdef';
const USER_FOLDER = path.resolve(process.env.N8N_START_USER_FOLDER ?? path.join(n8n.PACK_ROOT, '.cache/n8n-user'));
const IMPORTED_MARKER = path.join(USER_FOLDER, 'imported-examples.json');

/** Imports the examples not imported before, so later starts keep the user's edits. Returns all examples. */
async function importNewExamples(credential) {
	const done = fs.existsSync(IMPORTED_MARKER) ? JSON.parse(fs.readFileSync(IMPORTED_MARKER, 'utf8')) : [];
	const examples = loadExamples();
	const fresh = examples.filter((e) => !done.includes(e.workflow.id));
	if (fresh.length) {
		console.log(`importing ${fresh.length} example workflows`);
		await n8n.importWorkflows(USER_FOLDER, fresh.map((e) => adaptExample(e.workflow, { credential, n8nUrl: N8N_URL })));
		fs.writeFileSync(IMPORTED_MARKER, JSON.stringify([...done, ...fresh.map((e) => e.workflow.id)]));
	}
	return examples;
}

/** Owner account on the first start; later starts find it set up already (HTTP 400) and keep it. */
async function ensureOwner(baseUrl) {
	const response = await fetch(`${baseUrl}/rest/owner/setup`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify(OWNER),
	});
	return response.ok ? 'created' : 'existing';
}

async function main() {
	const realKey = process.env.TWOCAPTCHA_API_KEY?.trim();
	n8n.prepareUserFolder(USER_FOLDER);
	const sandbox = realKey ? undefined : await startSandbox({ port: SANDBOX_PORT, apiKey: SANDBOX_KEY, timeScale: 1 });
	const credential = realKey
		? wf.twoCaptchaCredential({ apiKey: realKey })
		: wf.twoCaptchaCredential({ apiKey: sandbox.apiKey, customUrl: sandbox.url });

	let server;
	const stop = async () => {
		await server?.stop();
		await sandbox?.close();
	};
	process.once('SIGINT', () => stop().then(() => process.exit(0)));
	process.once('SIGTERM', () => stop().then(() => process.exit(0)));

	console.log(`credential "${credential.name}" → ${realKey ? 'https://2captcha.com (TWOCAPTCHA_API_KEY)' : sandbox.url}`);
	await n8n.importCredentials(USER_FOLDER, [credential]);
	const examples = await importNewExamples(credential);
	const triggers = examples.filter((e) => !isHeadless(e.workflow));
	if (!realKey) {
		// Publishing before start activates the trigger, which registers 127.0.0.1 with the sandbox.
		for (const { workflow } of triggers) await n8n.runCli(USER_FOLDER, ['publish:workflow', `--id=${workflow.id}`]);
	}

	server = await startServer(USER_FOLDER, { port: N8N_PORT, inheritOutput: true });
	const owner = await ensureOwner(server.baseUrl);
	printBanner({ server, owner, examples, triggers, sandbox, realKey });
	const code = await server.exit;
	await sandbox?.close();
	process.exit(code ?? 0);
}

function printBanner({ server, owner, examples, triggers, sandbox, realKey }) {
	const lines = [
		'',
		`n8n with n8n-nodes-twocaptcha is running: open ${server.baseUrl}`,
		`  log in as ${OWNER.email} / ${OWNER.password}${owner === 'created' ? ' (owner account just created)' : ''}`,
		`  n8n user folder: ${USER_FOLDER}`,
		realKey
			? '  credential "2Captcha" uses https://2captcha.com with your TWOCAPTCHA_API_KEY (real money is spent)'
			: `  credential "2Captcha" uses the local sandbox ${sandbox.url} (API key ${sandbox.apiKey}); captchas take 5–45 s like the real service`,
		'  example workflows (open one, then "Execute workflow"):',
		...examples.map(({ workflow }) => `    - ${workflow.name}  ${server.baseUrl}/workflow/${workflow.id}`),
	];
	if (realKey) {
		lines.push('  the async pair needs an n8n that 2Captcha can reach: set WEBHOOK_URL to its public URL and register its host');
	} else if (triggers.length) {
		lines.push(
			`  the async pair works locally: "${triggers[0].workflow.name}" is active; run the Submit Only example and`,
			`  its answer arrives there as a new execution (pingbacks go to ${N8N_URL}).`,
		);
	}
	lines.push(realKey ? 'Ctrl-C stops n8n.' : 'Ctrl-C stops n8n and the sandbox.', '');
	console.log(lines.join('\n'));
}

main().catch((error) => {
	console.error(`start: ${error.stack ?? error}`);
	process.exit(1);
});
