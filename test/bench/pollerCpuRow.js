'use strict';
/**
 * The shared poller's own CPU cost: CPU time per captcha with 1,000 and 10,000 ids pending at once. BatchPoller
 * (built, from dist/) runs on a virtual clock against an in-memory res.php, so nothing waits: the time measured
 * is the poller's bookkeeping and the handling of its answers (plus the small, equal cost of the fake server),
 * over the whole life of every id, from its submission to its answer.
 *
 * `node test/bench/pollerCpuRow.js [batchPoller.js]` prints the figures as JSON (another build of the poller:
 * before/after comparisons); `npm run bench` adds them to BENCHMARKS.md through `pollerCpuSection()`.
 */
const { execFile } = require('node:child_process');
const path = require('node:path');
const { createRandom } = require('../sandbox/prng');
const { virtualClock } = require('./virtualClock');

const SIZES = [1000, 10_000];
const SEED = 7;
/** Virtual milliseconds each fake res.php request takes. */
const LATENCY_MS = 100;
/**
 * CPU ms per captcha of the poller before it kept its schedule in heaps (it scanned every pending id several times
 * per turn of its loop): the median of five runs of this script on the 2-core machine that measured the change.
 */
const BEFORE = { 1000: 0.134, 10_000: 0.48 };

/** Items alternate an image (first poll 5 s, ready in 5-20 s) and a token (15 s, 10-45 s) as in the bench's workload. */
function workload(n, draw) {
	return Array.from({ length: n }, (_, i) => {
		const token = i % 2 === 1;
		return {
			captchaId: String(10_000_000 + i),
			firstPollAt: token ? 15_000 : 5000,
			intervalMs: 5000,
			deadline: token ? 300_000 : 180_000,
			// A token with cookies is fetched alone; one captcha in a hundred is unsolvable.
			multiGetAnswer: !(token && i % 4 === 3),
			readyAt: 1000 * (token ? 10 + 35 * draw() : 5 + 15 * draw()),
			unsolvable: i % 100 === 42,
		};
	});
}

/** An in-memory res.php that answers after LATENCY_MS of virtual time. */
function fakeRes(clock, items) {
	const byId = new Map(items.map((item) => [item.captchaId, item]));
	const counts = { requests: 0 };
	const state = (id) => {
		const item = byId.get(id);
		if (!item) return 'ERROR_WRONG_CAPTCHA_ID';
		if (clock.now() < item.readyAt) return 'CAPCHA_NOT_READY';
		return item.unsolvable ? 'ERROR_CAPTCHA_UNSOLVABLE' : `answer-${id}`;
	};
	const res = async (params) => {
		counts.requests++;
		await clock.sleep(LATENCY_MS);
		if (params.ids) return { status: 1, request: params.ids.split(',').map(state).join('|'), extra: {} };
		const answer = state(params.id);
		const ready = answer !== 'CAPCHA_NOT_READY' && !answer.startsWith('ERROR');
		return { status: ready ? 1 : 0, request: answer, extra: {} };
	};
	return { res, counts };
}

/** One run: n ids handed to the poller at once; CPU time from their submission to the last answer. */
async function measure(BatchPoller, n) {
	const { clock, runUntil } = virtualClock();
	const items = workload(n, createRandom(SEED).next);
	const { res, counts } = fakeRes(clock, items);
	const poller = new BatchPoller(res, clock);
	const cpuBefore = process.cpuUsage();
	const outcomes = await runUntil(
		Promise.allSettled(items.map(({ captchaId, firstPollAt, intervalMs, deadline, multiGetAnswer }) => poller.wait({ captchaId, firstPollAt, intervalMs, deadline, multiGetAnswer }))),
	);
	const cpu = process.cpuUsage(cpuBefore);
	const wrong = outcomes.filter((outcome, i) =>
		items[i].unsolvable ? outcome.reason?.code !== 'ERROR_CAPTCHA_UNSOLVABLE' : outcome.value?.request !== `answer-${items[i].captchaId}`,
	);
	if (wrong.length > 0) throw new Error(`poller CPU row, N=${n}: ${wrong.length} ids got a wrong outcome`);
	return { n, cpuMsPerCaptcha: (cpu.user + cpu.system) / 1000 / n, resPerCaptcha: counts.requests / n, virtualSec: clock.now() / 1000 };
}

async function measureAll(pollerModule) {
	const { BatchPoller } = require(pollerModule);
	await measure(BatchPoller, 200); // warm-up: the timed runs find the code compiled
	const rows = [];
	for (const n of SIZES) rows.push(await measure(BatchPoller, n));
	return rows;
}

const ms = (value) => value.toFixed(3);

/** The section of BENCHMARKS.md, measured in a process of its own; `pass` is the target. */
async function pollerCpuSection() {
	const stdout = await new Promise((resolve, reject) =>
		execFile(process.execPath, [__filename], (error, out) => (error ? reject(error) : resolve(out))),
	);
	const rows = JSON.parse(stdout);
	const [small, large] = rows;
	const growth = large.cpuMsPerCaptcha / small.cpuMsPerCaptcha;
	const pass = growth <= 2;
	const lines = rows.map(
		(row) =>
			`| ${row.n.toLocaleString('en-US')} | ${ms(row.cpuMsPerCaptcha)} | ${ms(BEFORE[row.n])} | ${row.resPerCaptcha.toFixed(2)} | ${row.virtualSec.toFixed(1)} |`,
	);
	const markdown = `## The poller's CPU time

BatchPoller alone (\`test/bench/pollerCpuRow.js\`): N ids handed over at once (the workload's images and tokens,
half the tokens fetched alone, 1 % unsolvable), an in-memory res.php answering after ${LATENCY_MS} ms, on a virtual
clock, so the CPU time is the poller's bookkeeping and answer handling from the submissions to the last answer.
"Before" is the same script on the poller that scanned every pending id several times per loop iteration.

| Pending | CPU per captcha (ms) | before (ms) | res.php / captcha | Virtual run (s) |
|---|---|---|---|---|
${lines.join('\n')}

\`\`\`
${pass ? 'PASS' : 'FAIL'}  poller CPU per captcha at 10,000 pending ≤ 2 × at 1,000: ${ms(large.cpuMsPerCaptcha)} / ${ms(small.cpuMsPerCaptcha)} = ${growth.toFixed(2)}
\`\`\`
`;
	return { markdown, pass };
}

if (require.main === module) {
	const pollerModule = path.resolve(process.argv[2] ?? path.join(__dirname, '..', '..', 'dist', 'nodes', 'TwoCaptcha', 'engine', 'batchPoller.js'));
	measureAll(pollerModule).then(
		(rows) => process.stdout.write(`${JSON.stringify(rows)}\n`),
		(error) => {
			console.error(error);
			process.exit(1);
		},
	);
}

module.exports = { pollerCpuSection };
