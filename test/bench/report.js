'use strict';
/** The benchmark's output: the Markdown table, the targets with PASS/FAIL, and BENCHMARKS.md around them. */
const os = require('node:os');
const { TIME_SCALES, SEED, SOLVE_TIMES } = require('./workload');
const { modelSequential, FIRST_WAIT_MS, POLL_INTERVAL_MS } = require('./baseline');
const { pingwaitTargets, PINGWAIT_NOTE } = require('./pingwaitTargets');

const COMMAND = 'npm run bench';

const fixed = (digits) => (value) => (Number.isFinite(value) ? value.toFixed(digits) : 'n/a');
const sec = fixed(1);
const ratio = fixed(2);

function tableRow(row) {
	const approx = (text) => (row.modelled ? `≈ ${text}` : text);
	const cells = [
		row.modelled ? `${row.client} (computed, not run)` : row.client,
		row.n.toLocaleString('en-US'),
		approx(sec(row.wallSec)),
		approx(ratio(row.inPerCaptcha)),
		approx(ratio(row.resPerCaptcha)),
		approx(sec(row.meanDelaySec)),
		approx(sec(row.maxDelaySec)),
		row.modelled ? 'n/a' : fixed(1)(row.peakRssMb),
		row.modelled ? 'n/a' : String(row.rateLimitErrors),
		row.modelled ? 'n/a' : `${row.solved}/${row.n}`,
	];
	return `| ${cells.join(' | ')} |`;
}

function table(rows) {
	const header = [
		'Client',
		'N',
		'Wall (s)',
		'in.php / captcha',
		'res.php / captcha',
		'Ready → delivered, mean (s)',
		'max (s)',
		'Peak RSS (MB)',
		'Rate-limit errors',
		'Solved',
	];
	return [`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`, ...rows.map(tableRow)].join('\n');
}

const find = (rows, predicate) => rows.find(predicate) ?? {};
const isOurs = (n) => (row) => row.kind === 'engine' && row.n === n && row.maxInFlight === 1000;

/** The issue's goals (issue 12), in modelled time. */
function targets(rows) {
	const incomplete = rows.filter((row) => !row.modelled && row.solved < row.n);
	const results = [];
	const check = (name, detail, pass) => results.push({ name, detail, pass });
	const one = find(rows, isOurs(1));
	check('1 item: mean ready → delivered ≤ 3 s', `${sec(one.meanDelaySec)} s`, one.meanDelaySec <= 3);
	check('1 item: ≤ 8 res.php requests', `${ratio(one.resPerCaptcha)}`, one.resPerCaptcha <= 8);
	for (const n of [100, 1000]) {
		const row = find(rows, isOurs(n));
		const label = `${n.toLocaleString('en-US')} items`;
		const slowest = Math.max(...(row.solveSeconds ?? [NaN]));
		const requests = row.inPerCaptcha + row.resPerCaptcha;
		if (n === 100) check(`${label}: wall ÷ slowest single solve ≤ 1.3`, `${sec(row.wallSec)} / ${sec(slowest)} = ${ratio(row.wallSec / slowest)}`, row.wallSec / slowest <= 1.3);
		check(`${label}: wall − last answer ready ≤ 2 s`, `${sec(row.wallSec - row.lastReadySec)} s`, row.wallSec - row.lastReadySec <= 2);
		check(`${label}: ready → delivered mean ≤ 1.5 s, max ≤ 5 s`, `${sec(row.meanDelaySec)} s / ${sec(row.maxDelaySec)} s`, row.meanDelaySec <= 1.5 && row.maxDelaySec <= 5);
		check(`${label}: ≤ 1.5 requests per captcha`, `${ratio(requests)} (in.php ${ratio(row.inPerCaptcha)} + res.php ${ratio(row.resPerCaptcha)})`, requests <= 1.5);
		check(`${label}: zero rate-limit errors`, `${row.rateLimitErrors}`, row.rateLimitErrors === 0);
	}
	const sparse = find(rows, (row) => row.kind === 'sparse');
	check('sparse hour: mean ready → delivered ≤ 3 s', `${sec(sparse.meanDelaySec)} s (max ${sec(sparse.maxDelaySec)} s)`, sparse.meanDelaySec <= 3);
	check('sparse hour: ≤ 8 res.php requests per captcha', `${ratio(sparse.resPerCaptcha)}`, sparse.resPerCaptcha <= 8);
	check(
		'sparse hour: every 10 minutes inside the res.php budget (20·C + 1200)',
		`worst window uses ${(100 * sparse.worstResWindow).toFixed(0)} % of it`,
		sparse.worstResWindow <= 1,
	);
	for (const t of pingwaitTargets(rows)) check(t.name, t.detail, t.pass);
	const ours1000 = find(rows, isOurs(1000));
	check('1,000 items: peak RSS < 150 MB', `${fixed(1)(ours1000.peakRssMb)} MB`, ours1000.peakRssMb < 150);
	check(
		'sanity: every row that ran solved all its items',
		incomplete.length ? incomplete.map((row) => `${row.client} N=${row.n}: ${row.failures.slice(0, 2).join('; ')}`).join(' / ') : 'yes',
		incomplete.length === 0,
	);
	return results;
}

const targetLines = (results) => results.map((t) => `${t.pass ? 'PASS' : 'FAIL'}  ${t.name}: ${t.detail}`);

function speedups(rows) {
	return [1, 10, 100, 1000].map((n) => {
		const ours = find(rows, isOurs(n));
		const base = find(rows, (row) => row.kind === 'baseline' && row.n === n);
		const requests = (row) => row.inPerCaptcha + row.resPerCaptcha;
		const conc = find(rows, (row) => row.kind === 'concurrent' && row.n === n);
		const vsConcurrent = conc.n
			? `; vs the concurrent client: ${ratio(conc.wallSec / ours.wallSec)}× faster, ${ratio(requests(conc) / requests(ours))}× fewer requests, mean delay ${sec(ours.meanDelaySec)} s vs ${sec(conc.meanDelaySec)} s`
			: '';
		return `- N = ${n.toLocaleString('en-US')}: vs one at a time: ${sec(base.wallSec / ours.wallSec)}× faster, ${ratio(requests(base) / requests(ours))}× fewer requests per captcha${base.modelled ? ' (baseline computed)' : ''}${vsConcurrent}`;
	});
}

/** The sequential formula used for the 1,000-item row, checked against the 100-item baseline row that ran. */
function modelCheck(rows) {
	const ran = find(rows, (row) => row.kind === 'baseline' && row.n === 100 && !row.modelled);
	const predicted = modelSequential(ran.solveSeconds ?? []);
	return `The formula, applied to the solve times of the 100-item baseline row that ran, predicts ${sec(predicted.wallSec)} s and ${ratio(predicted.resPerCaptcha)} res.php requests per captcha; the run measured ${sec(ran.wallSec)} s and ${ratio(ran.resPerCaptcha)}.`;
}

function resBreakdown(row) {
	const { multiIdGets, idsPerMultiIdGet, singleIdGets } = row.resBreakdown ?? {};
	return `${row.n.toLocaleString('en-US')} items: ${multiIdGets} multi-id polls (\`ids=\`, ${fixed(1)(idsPerMultiIdGet)} ids each on average), ${singleIdGets} single-id requests (\`id=\`)`;
}

function machine() {
	const cpus = os.cpus();
	return `${cpus[0]?.model ?? 'unknown CPU'} × ${cpus.length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GB RAM, ${os.type()} ${os.release()}, Node ${process.version}`;
}

function markdown(rows, results, { elapsedSec, loadAverage }) {
	const { image, token } = SOLVE_TIMES;
	return `# Benchmarks

Generated by \`${COMMAND}\` (build, then \`node test/bench/run.js\`); every number below comes from that one run.
Do not edit by hand: run the command again.

- Date: ${new Date().toISOString()}
- Machine: ${machine()}
- Run time of the benchmark itself: ${sec(elapsedSec)} s real, after the build; load average when it started: ${loadAverage}
  (the machine may be shared: heavy load stretches the real cost of each local request)

## Setup

- Server: the local sandbox (\`test/sandbox/\`), seed ${SEED}, with the service's request limits (in.php: 60 per 3 s;
  res.php: 20 per captcha + 1,200). Solve times drawn uniformly: images ${image.min}–${image.max} s, tokens ${token.min}–${token.max} s.
- Work: N items alternating a normal image captcha and a reCAPTCHA V2; every row has a fresh sandbox with the same
  seed, so the i-th submission draws the same solve time in every row.
- Time-scaled: our rows run at ${TIME_SCALES.engine} (1 modelled second takes ${1000 * TIME_SCALES.engine} ms), the baseline's at ${TIME_SCALES.baseline} (${1000 * TIME_SCALES.baseline} ms:
  100 items of it are ~40 modelled minutes). In each row the engine (or the baseline's sleeps) and its sandbox
  run on the same scale, so every delay, interval and limit keeps its meaning. All times below are modelled
  seconds, i.e. what the run would take against 2Captcha. The real cost of each local request is magnified by
  the same factor (a few ms real ≈ 0.1 s modelled for the baseline), which stretches the baseline's sequential
  run a little: see the formula check at the end.
- Our rows run one after another, then the baseline's 1- and 10-item rows; its 100-item row runs alongside them
  all (it sleeps almost all the time). Every row has its own sandbox process and its own client process.
- **${'ours'}**: the built engine (\`dist/\`), driven like the node's execute(): \`getEngine()\` + \`solveAll()\` with every item
  at once, the catalogue's schedules (first poll: images 5 s, tokens 15 s; every pending id rides on every shared
  multi-id poll, polls paid by the pending ids, at most one per 1.5 s), Max In Flight 1,000 (the node's default).
- **concurrent client**: a straightforward concurrent client (\`runConcurrent\` in \`test/bench/baseline.js\`): every
  item submitted at the spec's pacing (100 ms apart), each polling its own id every 5 s from 5 s after its submission.
- **sparse**: one execution every 5 s for a modelled hour, each solving ONE captcha on the shared engine (webhook
  pipelines), at the baseline's time scale.
- **baseline model**: a model of existing n8n captcha nodes and of the official 2captcha-javascript library
  (\`test/bench/baseline.js\`), not their code: items one after another; per item submit, wait ${FIRST_WAIT_MS / 1000} s, then poll
  that one id every ${POLL_INTERVAL_MS / 1000} s until ready. Plain HTTP against the same sandbox.
- Each row runs in its own process: Peak RSS is that process's \`resourceUsage().maxRSS\` (engine or baseline only;
  each row's sandbox runs in a process of its own). Of that, loading the engine's modules (n8n-workflow, undici) takes
  ${fixed(1)(find(rows, isOurs(1)).loadedRssMb)} MB before the first item, and our 1-item row peaks at ${fixed(1)(find(rows, isOurs(1)).peakRssMb)} MB (a brief spike outside the JavaScript heap
  early in the run, whatever N); the baseline's process loads no n8n code.

## Results

${table(rows)}

${speedups(rows).join('\n')}

## Targets

\`\`\`
${targetLines(results).join('\n')}
\`\`\`

## Reading the table

- **Wall**: from handing the items over to the last answer in hand (pingback row: to the trigger's last item).
- **Ready → delivered**: per captcha, from the moment the sandbox has its answer (submission + drawn solve time)
  to the moment the client holds it (the poll that returned it completed, or the trigger made its item). In n8n
  all items of one execution of the solve node leave it together, at the wall time.
- **Requests per captcha**: requests the sandbox received from the moment the row's clock started, divided by N
  (each process first warms up with one getbalance, not counted, so loading modules and opening the first
  connection are not timed; the pingback row registers its receiver with \`add_pingback\` before that too).
  Where our res.php requests go (single-id requests are lone polls, and reCAPTCHA answers fetched alone because
  a multi-id answer would drop the worker's cookies):
${[100, 1000].map((n) => `  - ${resBreakdown(find(rows, isOurs(n)))}`).join('\n')}
- **Rate-limit errors**: answers MAX_USER_TURN, ERROR: 1001–1005 or ERROR_NO_SLOT_AVAILABLE.
- **Slowest solve** in the wall target is the moment the last answer was ready on the server, counted from the
  start: it includes the time the submissions themselves take (the service accepts at most 60 in.php requests
  in 3 s, so 100 submissions cannot all go out at once), which no client can beat.
- A poll becomes needed at the first image's first poll (5 s) or token's (15 s), but every pending id rides on
  every poll; the baselines poll every captcha from 5 s after its submission.
- **Submit Only + pingback → Trigger**: no polling; the sandbox POSTs each answer to a local HTTP server that
  hands the request to the 2Captcha Trigger node's own \`webhook()\` (from \`dist/\`, with a minimal stand-in for
  n8n's webhook context); delivered = when \`webhook()\` has returned the workflow's item.
${PINGWAIT_NOTE}
- **Baseline, 1,000 items** is computed, not run (sequentially it would take hours of modelled time): the
  baseline's schedule applied to the solve times drawn in our 1,000-item row. ${modelCheck(rows)}
`;
}

function buildReport(rows, { elapsedSec, loadAverage }) {
	const results = targets(rows);
	const lines = targetLines(results);
	return {
		elapsedSec,
		allPassed: results.every((t) => t.pass),
		console: `\n${table(rows)}\n\n${speedups(rows).join('\n')}\n\n${lines.join('\n')}\n`,
		markdown: markdown(rows, results, { elapsedSec, loadAverage }),
	};
}

module.exports = { buildReport };
