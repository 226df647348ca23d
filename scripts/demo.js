'use strict';
/**
 * `npm run demo` (through scripts/with-n8n.js, which installs n8n and packs the pack): runs every headless example
 * workflow in a real n8n against the sandbox at a fast time scale, in a temporary n8n user folder, and prints each
 * result on one line. Exits 1 if any failed. Env: DEMO_PORT_BASE (5695: the task broker ports of its two lanes).
 */
const fs = require('node:fs');
const { startSandbox } = require('../test/sandbox');
const { mapLimit } = require('../test/e2e/lib/harness');
const n8n = require('../test/e2e/lib/n8n');
const wf = require('../test/e2e/lib/workflows');
const { loadExamples, isHeadless, adaptExample, lastOutput } = require('../test/e2e/lib/examples');
const { runMain } = require('./lib/main');

const TIME_SCALE = 0.01;
const FAST_POLLING = { firstPollSeconds: 0.2, pollIntervalSeconds: 1 }; // Poll Interval: 1 s at least
const BROKER_PORT_BASE = Number(process.env.DEMO_PORT_BASE ?? 5695);

const oneLine = (value, max = 150) => {
	const text = JSON.stringify(value);
	return text.length > max ? `${text.slice(0, max - 1)}…` : text;
};

async function main() {
	const sandbox = await startSandbox({ timeScale: TIME_SCALE, seed: 11 });
	const userFolder = n8n.prepareUserFolder();
	try {
		const credential = wf.sandboxCredential(sandbox);
		const examples = loadExamples().map(({ file, workflow }) => ({
			file,
			workflow: adaptExample(workflow, { credential, solverSettings: FAST_POLLING }),
		}));
		console.log(`sandbox ${sandbox.url} (time scale ${TIME_SCALE}); importing ${examples.length} example workflows`);
		await n8n.importCredentials(userFolder, [credential]);
		await n8n.importWorkflows(userFolder, examples.map((e) => e.workflow));

		const runnable = examples.filter((e) => isHeadless(e.workflow));
		for (const skipped of examples.filter((e) => !isHeadless(e.workflow))) {
			console.log(`-     ${skipped.file}: needs a running n8n (npm start), not run here`);
		}
		const results = await mapLimit(runnable, 2, async ({ file, workflow }, slot) => {
			const started = Date.now();
			const run = await n8n.executeWorkflow(userFolder, workflow.id, { brokerPort: BROKER_PORT_BASE + slot });
			const took = `${((Date.now() - started) / 1000).toFixed(1)} s`;
			if (!run.ok) {
				console.log(`FAIL  ${file} (${took}): ${run.error ?? (run.stdout + run.stderr).trim().slice(-400)}`);
				return false;
			}
			const { node, items } = lastOutput(run);
			console.log(`ok    ${file} (${took}) → ${node}: ${oneLine(items.length === 1 ? items[0] : items)}`);
			return true;
		});
		const passed = results.filter(Boolean).length;
		return { passed, failed: results.length - passed };
	} finally {
		await sandbox.close();
		fs.rmSync(userFolder, { recursive: true, force: true });
	}
}

runMain('demo', main, { suite: true });
