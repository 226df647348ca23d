'use strict';
/**
 * `npm run screenshot`: regenerates docs/solved-execution.png, the README's picture of a solved execution: the
 * reCAPTCHA V2 example executed in the n8n editor, the 2Captcha node open with its output (captchaId, solution).
 *
 * Starts a throwaway n8n (temporary user folder, port 5699) with this pack, a credential pointing at a local
 * sandbox and the reCAPTCHA V2 example, logs in as the owner in headless Chromium (driven by playwright-core),
 * executes the workflow and photographs the 2Captcha node's panel with its output. Not part of `npm test` or CI.
 *
 * Needs Chromium: Debian's package (`apt-get install chromium`) at /usr/bin/chromium, or CHROMIUM_PATH.
 * Run it through npm (scripts/with-n8n.js installs n8n and packs the pack first).
 */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const n8n = require('../test/e2e/lib/n8n');
const { startServer, setUpOwner, OWNER } = require('../test/e2e/lib/server');
const wf = require('../test/e2e/lib/workflows');
const { loadExamples, adaptExample } = require('../test/e2e/lib/examples');
const { startSandbox } = require('../test/sandbox');
const { runMain } = require('./lib/main');

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const N8N_PORT = Number(process.env.SCREENSHOT_N8N_PORT ?? 5699);
const EXAMPLE_FILE = 'solve-recaptcha-v2.json';
const OUTPUT = path.join(n8n.PACK_ROOT, 'docs/solved-execution.png');
const VIEWPORT = { width: 1440, height: 900 };
// Offline and quiet: no GPU, no QUIC, no background calls home. --no-sandbox because this often runs as root.
const CHROMIUM_ARGS = [
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
];

function requireChromium() {
	if (fs.existsSync(CHROMIUM)) return;
	console.error(
		`screenshot: no Chromium at ${CHROMIUM}.\n` +
			'  Install Debian\'s package: sudo apt-get update && sudo apt-get install -y chromium\n' +
			'  or point CHROMIUM_PATH at another Chromium/Chrome binary.',
	);
	process.exit(1);
}

/** A user folder with the pack, a credential for the sandbox and the example; returns the example workflow. */
async function prepareN8n(userFolder, sandbox) {
	n8n.prepareUserFolder(userFolder);
	const credential = wf.sandboxCredential(sandbox);
	const example = loadExamples().find((e) => e.file === EXAMPLE_FILE).workflow;
	await n8n.importCredentials(userFolder, [credential]);
	await n8n.importWorkflows(userFolder, [adaptExample(example, { credential })]);
	return example;
}

async function photograph(baseUrl, workflow) {
	const { chromium } = require('playwright-core');
	const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'screenshot-chromium-'));
	const context = await chromium.launchPersistentContext(userDataDir, {
		executablePath: CHROMIUM,
		headless: true,
		args: CHROMIUM_ARGS,
		viewport: VIEWPORT,
		baseURL: baseUrl,
	});
	try {
		const page = context.pages()[0] ?? (await context.newPage());
		await logIn(page);
		const solveNode = workflow.nodes.find((node) => node.type === wf.SOLVE_NODE_TYPE);
		await page.goto(`/workflow/${workflow.id}`);
		const canvasNode = page.locator(`[data-test-id="canvas-node"][data-node-name="${solveNode.name}"]`);
		await canvasNode.waitFor();
		await dismissModals(page);
		await page.locator('[data-test-id="execute-workflow-button"]').click();
		// Solved: the node shows its success check on the canvas.
		await canvasNode.locator('[data-test-id="canvas-node-status-success"]').waitFor({ timeout: 120_000 });
		await canvasNode.dblclick();
		await page.getByText('solution', { exact: true }).first().waitFor();
		// Off the parameters, so no hover controls show; then past the panel's opening animation.
		await page.mouse.move(VIEWPORT.width / 6, VIEWPORT.height - 100);
		await page.waitForTimeout(1000);
		await page.screenshot({ path: OUTPUT });
	} finally {
		await context.close();
		fs.rmSync(userDataDir, { recursive: true, force: true });
	}
}

async function logIn(page) {
	await page.goto('/signin');
	await page.getByLabel('Email').fill(OWNER.email);
	await page.getByLabel('Password').fill(OWNER.password);
	await page.getByRole('button', { name: 'Sign in' }).click();
	await page.waitForURL((url) => !url.pathname.startsWith('/signin'));
}

/** First-run dialogs (none show with the offline settings of n8n 2.41, but other versions may add some). */
async function dismissModals(page) {
	const dialogs = page.getByRole('dialog');
	for (let i = 0; i < 3 && (await dialogs.first().isVisible().catch(() => false)); i++) {
		await page.keyboard.press('Escape');
		await page.waitForTimeout(300);
	}
}

async function main() {
	requireChromium();
	const userFolder = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-screenshot-'));
	const sandbox = await startSandbox();
	let server;
	try {
		const workflow = await prepareN8n(userFolder, sandbox);
		server = await startServer(userFolder, { port: N8N_PORT });
		await setUpOwner(server.baseUrl);
		await photograph(server.baseUrl, workflow);
		console.log(`wrote ${path.relative(process.cwd(), OUTPUT)} (${fs.statSync(OUTPUT).size} bytes)`);
		return true;
	} finally {
		await server?.stop();
		await sandbox.close();
		fs.rmSync(userFolder, { recursive: true, force: true });
	}
}

runMain('screenshot', main);
