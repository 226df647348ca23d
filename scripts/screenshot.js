'use strict';
/**
 * `npm run screenshot`: regenerates the README's pictures of the editor, in docs/:
 * - solved-execution.png: the reCAPTCHA V2 example executed, the 2Captcha node open with its output;
 * - mode-wait-for-result.png, mode-wait-for-pingback.png, mode-submit-only.png: the 2Captcha node's panel in each
 *   mode, with the Solver Settings' Add Setting list open (only the settings the mode applies);
 * - trigger.png: the 2Captcha Trigger's panel: its Production URL (the Pingback URL to paste, the Secret a
 *   placeholder) and, on the left, "When will this node trigger my flow?" opened.
 *
 * Starts a throwaway n8n (temporary user folder, port 5699) with this pack, a credential pointing at a local
 * sandbox and the example workflows, logs in as the owner in headless Chromium (driven by playwright-core) and
 * photographs the panels. Not part of `npm test` or CI.
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
/** The panels photographed: an example, the node to open, and the picture. */
const PANELS = [
	{ file: 'solve-recaptcha-v2.json', node: wf.SOLVE_NODE_TYPE, output: 'docs/mode-wait-for-result.png', addSetting: true },
	{ file: 'wait-for-pingback.json', node: wf.SOLVE_NODE_TYPE, output: 'docs/mode-wait-for-pingback.png', addSetting: true },
	{ file: 'async-2-submit-only.json', node: wf.SOLVE_NODE_TYPE, output: 'docs/mode-submit-only.png', addSetting: true },
	{ file: 'async-1-pingback-trigger.json', node: 'n8n-nodes-twocaptcha.twoCaptchaTrigger', output: 'docs/trigger.png', productionUrl: true, triggerHelp: true },
];
const VIEWPORT = { width: 1440, height: 900 };
const PANEL_VIEWPORT = { width: 1440, height: 1200 }; // the whole parameter list with the open Add Setting list
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

/** A user folder with the pack, a credential for the sandbox and the examples; returns the examples by file. */
async function prepareN8n(userFolder, sandbox) {
	n8n.prepareUserFolder(userFolder);
	const credential = wf.sandboxCredential(sandbox);
	const files = new Set([EXAMPLE_FILE, ...PANELS.map((panel) => panel.file)]);
	const examples = loadExamples().filter((e) => files.has(e.file));
	await n8n.importCredentials(userFolder, [credential]);
	const n8nUrl = `http://127.0.0.1:${N8N_PORT}`; // the Submit Only example's Pingback URL names this n8n, as its trigger does
	await n8n.importWorkflows(userFolder, examples.map((e) => adaptExample(e.workflow, { credential, n8nUrl })));
	return Object.fromEntries(examples.map((e) => [e.file, e.workflow]));
}

async function photograph(baseUrl, workflows) {
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
		await photographExecution(page, workflows[EXAMPLE_FILE]);
		for (const panel of PANELS) await photographPanel(page, workflows[panel.file], panel);
	} finally {
		await context.close();
		fs.rmSync(userDataDir, { recursive: true, force: true });
	}
}

/** The example executed, its 2Captcha node open with the output. */
async function photographExecution(page, workflow) {
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
	console.log(`wrote ${path.relative(process.cwd(), OUTPUT)}`);
}

/** A node's panel before any execution: the solve node with Add Setting open, the trigger on its Production URL. */
async function photographPanel(page, workflow, panel) {
	await page.setViewportSize(PANEL_VIEWPORT);
	const target = workflow.nodes.find((node) => node.type === panel.node);
	await page.goto(`/workflow/${workflow.id}`);
	const canvasNode = page.locator(`[data-test-id="canvas-node"][data-node-name="${target.name}"]`);
	await canvasNode.waitFor();
	await dismissModals(page);
	await canvasNode.dblclick();
	const ndv = page.locator('[data-test-id="ndv"]');
	await ndv.waitFor();
	if (panel.addSetting) {
		const add = ndv.getByPlaceholder('Add Setting').or(ndv.getByText('Add Setting', { exact: true })).last();
		await add.scrollIntoViewIfNeeded();
		await add.click();
	}
	if (panel.productionUrl) {
		const urls = ndv.getByText('Webhook URLs', { exact: true });
		await urls.click();
		await ndv.getByText('Production URL', { exact: true }).click();
	}
	if (panel.triggerHelp) await ndv.getByText('When will this node trigger my flow?').click();
	await page.mouse.move(PANEL_VIEWPORT.width - 20, 20);
	await page.waitForTimeout(1000);
	const output = path.join(n8n.PACK_ROOT, panel.output);
	await page.screenshot({ path: output });
	console.log(`wrote ${panel.output}`);
	await page.keyboard.press('Escape');
	await page.keyboard.press('Escape');
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
		const workflows = await prepareN8n(userFolder, sandbox);
		server = await startServer(userFolder, { port: N8N_PORT });
		await setUpOwner(server.baseUrl);
		await photograph(server.baseUrl, workflows);
		return true;
	} finally {
		await server?.stop();
		await sandbox.close();
		fs.rmSync(userFolder, { recursive: true, force: true });
	}
}

runMain('screenshot', main);
