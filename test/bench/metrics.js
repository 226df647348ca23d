'use strict';
/**
 * Turns a row's report (from its process) and the sandbox's own records into the table's numbers. Times are in
 * model seconds, i.e. real milliseconds divided by the time scale: what the run would take against 2Captcha.
 */
/** Answers that mean a request limit was hit: MAX_USER_TURN, ERROR: 1001-1005, and NO_SLOT (a slow-down order). */
const RATE_LIMIT_CODE = /^(MAX_USER_TURN|ERROR: 100\d|ERROR_NO_SLOT_AVAILABLE)$/;

const mean = (values) => (values.length ? values.reduce((a, b) => a + b, 0) / values.length : NaN);
const max = (values) => (values.length ? Math.max(...values) : NaN);

/** Requests from the moment the row's clock started (each process warms up with one getbalance before). */
function countRequests(log, startedAt) {
	const counts = { 'in.php': 0, 'res.php': 0, rateLimited: 0, multiIdGets: 0, idsInMultiIdGets: 0, singleIdGets: 0, firstSubmitAt: Infinity, lastSubmitAt: -Infinity };
	for (const entry of log) {
		if (entry.at < startedAt) continue;
		if (entry.endpoint in counts) counts[entry.endpoint]++;
		if (entry.endpoint === 'in.php') {
			counts.firstSubmitAt = Math.min(counts.firstSubmitAt, entry.at);
			counts.lastSubmitAt = Math.max(counts.lastSubmitAt, entry.at);
		}
		if (RATE_LIMIT_CODE.test(String(entry.response?.request ?? ''))) counts.rateLimited++;
		if (entry.endpoint !== 'res.php' || entry.params.action !== 'get') continue;
		if (entry.params.ids === undefined) counts.singleIdGets++;
		else {
			counts.multiIdGets++;
			counts.idsInMultiIdGets += entry.params.ids.split(',').length;
		}
	}
	return counts;
}

/**
 * The largest share of the server's res.php budget (20·C + 1200) used in any 10 modelled minutes, over windows
 * starting at every request or submission (a window that starts just after a burst of submissions has lost them).
 */
function worstResWindow(log, startedAt, windowMs) {
	const res = log.filter((e) => e.at >= startedAt && e.endpoint === 'res.php').map((e) => e.at);
	const subs = log.filter((e) => e.at >= startedAt && e.endpoint === 'in.php').map((e) => e.at);
	const count = (times, from) => times.filter((t) => t > from && t <= from + windowMs).length;
	let worst = 0;
	for (const from of [startedAt - 1, ...res, ...subs]) worst = Math.max(worst, count(res, from) / (20 * count(subs, from) + 1200));
	return worst;
}

/**
 * `ready on the server` is each captcha's readyAt in the sandbox (submission + drawn solve time); `delivered`
 * is when the client held the answer (a poll returned it, or its pingback arrived).
 */
function rowMetrics(spec, report, sandbox) {
	const toModelSec = (realMs) => realMs / 1000 / spec.timeScale;
	const captchas = [...sandbox.captchas.values()];
	const counts = countRequests(sandbox.log, report.startedAt);
	const delays = report.deliveries.map(([id, at]) => toModelSec(at - sandbox.captchas.get(id).readyAt));
	return {
		...spec,
		wallSec: toModelSec(report.finishedAt - report.startedAt),
		inPerCaptcha: counts['in.php'] / spec.n,
		resPerCaptcha: counts['res.php'] / spec.n,
		meanDelaySec: mean(delays),
		maxDelaySec: max(delays),
		peakRssMb: report.maxRssKb / 1024,
		loadedRssMb: report.loadedRssKb / 1024,
		rateLimitErrors: counts.rateLimited,
		worstResWindow: worstResWindow(sandbox.log, report.startedAt, 600_000 * spec.timeScale),
		resBreakdown: { multiIdGets: counts.multiIdGets, idsPerMultiIdGet: counts.idsInMultiIdGets / counts.multiIdGets, singleIdGets: counts.singleIdGets },
		solved: report.deliveries.length,
		failures: report.failures,
		// For the wall-time target and the sequential model.
		lastReadySec: toModelSec(max(captchas.map((c) => c.readyAt)) - report.startedAt),
		submitSpanSec: toModelSec(counts.lastSubmitAt - counts.firstSubmitAt),
		solveSeconds: captchas.map((c) => toModelSec(c.readyAt - c.submittedAt)),
	};
}

module.exports = { rowMetrics, mean, max };
