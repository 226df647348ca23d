'use strict';
/**
 * `npm run bench`: our engine and a model of the sequential baseline, side by side in one run, against the
 * sandbox on a scaled clock. Each row gets a fresh sandbox (same seed, so the same solve times) and its own
 * process (so its own peak RSS). Prints the table and the targets, writes BENCHMARKS.md and results.json; exits 1
 * when a target fails. The rows are the files of rows/ (one file per kind of row: see rows/index.js).
 *
 * `--quick` (CI's short form, about a minute): N up to 100, a shorter sparse row, the targets of the rows that ran;
 * writes nothing. Every child process ends with this one, also when a row crashes (scripts/lib/children.js).
 */
const { fork } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { TIME_SCALES, SEED, SOLVE_TIMES, sizes } = require('./workload');
const { rowMetrics, mean, max } = require('./metrics');
const { modelSequential } = require('./baseline');
const { buildReport } = require('./report');
const { loadRowKinds } = require('./rows');
const { pollerCpuSection } = require('./pollerCpuRow');
const { track } = require('../../scripts/lib/children');
const { runMain } = require('../../scripts/lib/main');

const QUICK = process.argv.includes('--quick');

/**
 * Two lanes run side by side: rows marked lane 'side' sleep almost all the time (the 100-item baseline, ~40
 * modelled minutes; the sparse row), so they run alongside everything else, one after another; the other rows run
 * one after another in file order (each uses the CPU in bursts, so they never overlap each other).
 */
function lanes(kinds) {
	const specs = kinds.flatMap((kind) => kind.specs({ quick: QUICK }));
	return [specs.filter((spec) => spec.lane !== 'side'), specs.filter((spec) => spec.lane === 'side')];
}

/** A child process running `script`; `ask(message)` resolves with its next answer. */
function startChild(script) {
	const child = track(fork(path.join(__dirname, script), { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] }));
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
	const spec = { ...rowSpec, timeScale: rowSpec.timeScale ?? TIME_SCALES[rowSpec.kind] };
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

/** The sequential model applied to the solve times the engine's row of that size actually drew. */
function modelledBaselineRow(engineRow) {
	const model = modelSequential(engineRow.solveSeconds);
	return {
		kind: 'baseline',
		client: 'baseline model',
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

/** Side by side for each N (ours, the concurrent client, then the baseline run or computed), then the other rows. */
function tableOrder(rows) {
	const ours = (n) => rows.find((row) => row.kind === 'engine' && row.n === n);
	const baseline = (n) => rows.find((row) => row.kind === 'baseline' && row.n === n) ?? (ours(n) && modelledBaselineRow(ours(n)));
	const concurrent = (n) => rows.filter((row) => row.kind === 'concurrent' && row.n === n);
	const paired = sizes({ quick: QUICK }).flatMap((n) => [ours(n), ...concurrent(n), baseline(n)].filter(Boolean));
	return [...paired, ...rows.filter((row) => !paired.includes(row))];
}

async function main() {
	const started = Date.now();
	const loadAverage = os.loadavg()[0].toFixed(2);
	const kinds = loadRowKinds();
	const rows = [];
	await Promise.all(lanes(kinds).map(async (lane) => await runLane(lane, started, rows)));
	const ordered = tableOrder(rows);
	const report = buildReport(ordered, kinds, { elapsedSec: (Date.now() - started) / 1000, loadAverage, quick: QUICK });
	const pollerCpu = await pollerCpuSection(); // the poller alone, on a virtual clock, after the rows
	report.console += `\n${pollerCpu.markdown}`;
	if (!QUICK) report.markdown += `\n${pollerCpu.markdown}`;
	report.allPassed &&= pollerCpu.pass;
	process.stdout.write(report.console);
	if (QUICK) {
		process.stdout.write(`\nquick form: ${Math.round(report.elapsedSec)} s; BENCHMARKS.md left as it is\n`);
	} else {
		fs.writeFileSync(path.join(__dirname, '..', '..', 'BENCHMARKS.md'), report.markdown);
		fs.writeFileSync(path.join(__dirname, 'results.json'), `${JSON.stringify({ rows: ordered, elapsedSec: report.elapsedSec }, null, 1)}\n`);
		process.stdout.write('\nWrote BENCHMARKS.md and test/bench/results.json\n');
	}
	return report.allPassed;
}

runMain('bench', main);
