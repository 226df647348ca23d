'use strict';
/**
 * `npm run bench`: our engine and a model of the sequential baseline, side by side in one run, against the
 * sandbox on a scaled clock. Each row gets a fresh sandbox (same seed, so the same solve times) and its own
 * process (so its own peak RSS). Prints the table and the targets, writes BENCHMARKS.md and results.json.
 */
const { fork } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { TIME_SCALES, SEED, SOLVE_TIMES } = require('./workload');
const { rowMetrics, mean, max } = require('./metrics');
const { modelSequential } = require('./baseline');
const { buildReport } = require('./report');
const { PINGWAIT_ROW } = require('./pingwaitTargets');
const { pollerCpuSection } = require('./pollerCpuRow');

const ENGINE = 'ours';
const BASELINE = 'baseline model';
/** The node's default (and maximum): every item of these runs in flight at once. */
const MAX_IN_FLIGHT = 1000;
const CONCURRENT = 'concurrent client';
/** Sparse load: one execution (one captcha) every 5 s for a modelled hour. */
const SPARSE = { kind: 'sparse', client: `${ENGINE}, sparse: 1 captcha per execution, every 5 s, 1 hour`, n: 720, everySec: 5 };
/** Sequential polling of 1,000 items would take hours of model time: that row is computed, not run. */
const BASELINE_MAX_RUN = 100;

const SIZES = [1, 10, 100, 1000];

/** Our rows, one after another (each uses the CPU in bursts, so they never overlap each other). */
const OUR_ROWS = [
	...SIZES.map((n) => ({ kind: 'engine', client: ENGINE, n, maxInFlight: MAX_IN_FLIGHT })),
	...SIZES.filter((n) => n !== 10).map((n) => ({ kind: 'concurrent', client: CONCURRENT, n })),
	{ kind: 'pingback', client: `${ENGINE}, Submit Only + pingback → Trigger`, n: 100, maxInFlight: MAX_IN_FLIGHT, receiveTimeoutSec: 120 },
	PINGWAIT_ROW,
];

const BASELINE_ROWS = SIZES.filter((n) => n <= BASELINE_MAX_RUN).map((n) => ({ kind: 'baseline', client: BASELINE, n }));

/**
 * Two lanes run side by side. The long baseline row (~40 modelled minutes) sleeps almost all the time (one request
 * per modelled 5 s), so it runs alongside everything else; the short baseline rows come after ours, so that the
 * CPU bursts of our rows' process start-ups do not stall their few polls.
 */
const LANES = [
	[...OUR_ROWS, ...BASELINE_ROWS.filter((row) => row.n < BASELINE_MAX_RUN)],
	[...BASELINE_ROWS.filter((row) => row.n === BASELINE_MAX_RUN), SPARSE],
];

/** A child process running `script`; `ask(message)` resolves with its next answer. */
function startChild(script) {
	const child = fork(path.join(__dirname, script), { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
	let failed;
	const exited = new Promise((_, reject) => {
		child.once('exit', (code) => code !== 0 && reject((failed = new Error(`${script} exited with ${code}`))));
	});
	exited.catch(() => undefined);
	const ask = (message) =>
		Promise.race([
			exited,
			new Promise((resolve, reject) => {
				if (failed) return reject(failed);
				child.once('message', (answer) => (answer.crashed ? reject(new Error(answer.crashed)) : resolve(answer)));
				child.send(message);
			}),
		]);
	return { ask, kill: () => child.exitCode === null && child.kill() };
}

/** One row: a fresh sandbox process (same seed for every row) and a fresh process for the client. */
async function runRow(rowSpec) {
	const spec = { ...rowSpec, timeScale: TIME_SCALES[rowSpec.kind] };
	const host = startChild('sandboxHost.js');
	try {
		const { url, apiKey } = await host.ask({
			start: { timeScale: spec.timeScale, seed: SEED, solveTimes: SOLVE_TIMES, balance: 1000 },
		});
		const report = await startChild('row.js').ask({ ...spec, url, apiKey });
		const { log, captchas } = await host.ask({ finish: true });
		return rowMetrics(spec, report, { log, captchas: new Map(captchas) });
	} finally {
		host.kill();
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
		meanDelaySec: mean(model.delays),
		maxDelaySec: max(model.delays),
		solved: engineRow.n,
		failures: [],
	};
}

async function runLane(specs, started, rows) {
	for (const spec of specs) {
		const row = await runRow(spec);
		rows.push(row);
		const elapsed = ((Date.now() - started) / 1000).toFixed(1);
		process.stderr.write(`  ${row.client}, N=${row.n}: ${row.wallSec.toFixed(1)} s modelled, at ${elapsed} s real\n`);
	}
}

/** Side by side for each N (ours, then the baseline run or computed), then our extra rows. */
function tableOrder(rows) {
	const ours = (n) => rows.find((row) => row.kind === 'engine' && row.n === n && row.maxInFlight === MAX_IN_FLIGHT);
	const baseline = (n) => rows.find((row) => row.kind === 'baseline' && row.n === n) ?? modelledBaselineRow(ours(n));
	const concurrent = (n) => rows.filter((row) => row.kind === 'concurrent' && row.n === n);
	const paired = SIZES.flatMap((n) => [ours(n), ...concurrent(n), baseline(n)]);
	return [...paired, ...rows.filter((row) => !paired.includes(row))];
}

async function main() {
	const started = Date.now();
	const loadAverage = os.loadavg()[0].toFixed(2);
	const rows = [];
	await Promise.all(LANES.map(async (lane) => await runLane(lane, started, rows)));
	const ordered = tableOrder(rows);
	const report = buildReport(ordered, { elapsedSec: (Date.now() - started) / 1000, loadAverage });
	const pollerCpu = await pollerCpuSection(); // the poller alone, on a virtual clock, after the rows
	report.console += `\n${pollerCpu.markdown}`;
	report.markdown += `\n${pollerCpu.markdown}`;
	report.allPassed &&= pollerCpu.pass;
	process.stdout.write(`${report.console}\nWrote BENCHMARKS.md and test/bench/results.json\n`);
	fs.writeFileSync(path.join(__dirname, '..', '..', 'BENCHMARKS.md'), report.markdown);
	fs.writeFileSync(path.join(__dirname, 'results.json'), `${JSON.stringify({ rows: ordered, elapsedSec: report.elapsedSec }, null, 1)}\n`);
	process.exitCode = report.allPassed ? 0 : 1;
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
