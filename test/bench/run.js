'use strict';
/**
 * `npm run bench`: our engine and a model of the sequential baseline, side by side in one run, against the
 * sandbox on a scaled clock. Each row gets a fresh sandbox (same seed, so the same solve times) and its own
 * process (so its own peak RSS). Prints the table and the targets, writes BENCHMARKS.md and results.json.
 */
const { fork } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const { startSandbox } = require('../sandbox');
const { TIME_SCALES, SEED, SOLVE_TIMES } = require('./workload');
const { rowMetrics } = require('./metrics');
const { modelSequential } = require('./baseline');
const { buildReport } = require('./report');

const ENGINE = 'ours';
const BASELINE = 'baseline model';
/** The node's maximum: every item of these runs in flight at once. */
const MAX_IN_FLIGHT = 1000;
/** Sequential polling of 1,000 items would take hours of model time: that row is computed, not run. */
const BASELINE_MAX_RUN = 100;

const ROWS = [
	...[1, 10, 100, 1000].flatMap((n) => [
		{ kind: 'engine', client: ENGINE, n, maxInFlight: MAX_IN_FLIGHT },
		...(n <= BASELINE_MAX_RUN ? [{ kind: 'baseline', client: BASELINE, n }] : []),
	]),
	{ kind: 'engine', client: `${ENGINE}, Max In Flight 50 (node default)`, n: 100, maxInFlight: 50 },
	{ kind: 'pingback', client: `${ENGINE}, Submit Only + pingback`, n: 100, maxInFlight: MAX_IN_FLIGHT, receiveTimeoutSec: 120 },
];

function runInChild(spec) {
	return new Promise((resolve, reject) => {
		const child = fork(path.join(__dirname, 'row.js'), { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
		child.once('message', (report) => (report.crashed ? reject(new Error(report.crashed)) : resolve(report)));
		child.once('exit', (code) => code !== 0 && reject(new Error(`row process exited with ${code}`)));
		child.send(spec);
	});
}

async function runRow(rowSpec) {
	const spec = { ...rowSpec, timeScale: TIME_SCALES[rowSpec.kind] };
	const sandbox = await startSandbox({ timeScale: spec.timeScale, seed: SEED, solveTimes: SOLVE_TIMES, balance: 1000 });
	try {
		const report = await runInChild({ ...spec, url: sandbox.url, apiKey: sandbox.apiKey });
		return rowMetrics(spec, report, sandbox);
	} finally {
		await sandbox.close();
	}
}

/** The sequential model applied to the solve times the engine's 1,000-item row actually drew. */
function modelledBaselineRow(engineRow) {
	const model = modelSequential(engineRow.solveSeconds);
	return {
		kind: 'baseline',
		client: BASELINE,
		n: engineRow.n,
		modelled: true,
		wallSec: model.wallSec,
		inPerCaptcha: 1,
		resPerCaptcha: model.resPerCaptcha,
		meanDelaySec: model.delays.reduce((a, b) => a + b, 0) / model.delays.length,
		maxDelaySec: Math.max(...model.delays),
		solved: engineRow.n,
		failures: [],
	};
}

async function main() {
	const started = Date.now();
	const rows = [];
	for (const spec of ROWS) {
		const row = await runRow(spec);
		rows.push(row);
		process.stderr.write(`  ${row.client}, N=${row.n}: ${row.wallSec.toFixed(1)} s modelled, ${((Date.now() - started) / 1000).toFixed(1)} s elapsed\n`);
		if (spec.kind === 'engine' && spec.n > BASELINE_MAX_RUN && spec.maxInFlight === MAX_IN_FLIGHT) rows.push(modelledBaselineRow(row));
	}
	const report = buildReport(rows, { elapsedSec: (Date.now() - started) / 1000 });
	process.stdout.write(`${report.console}\n`);
	fs.writeFileSync(path.join(__dirname, '..', '..', 'BENCHMARKS.md'), report.markdown);
	fs.writeFileSync(path.join(__dirname, 'results.json'), `${JSON.stringify({ rows, elapsedSec: report.elapsedSec }, null, 1)}\n`);
	process.exitCode = report.allPassed ? 0 : 1;
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
