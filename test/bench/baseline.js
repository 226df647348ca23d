'use strict';
/**
 * A MODEL of the algorithm used by existing n8n captcha nodes and by the official 2captcha-javascript library
 * (its Solver.pollResponse sleeps `pollingFrequency` = 5000 ms before every res.php poll) — not their code.
 * Items are solved one after another; for each: submit to in.php, wait 5 s, then ask res.php
 * `action=get&id=<that id>` every 5 s until the answer is there, then go on with the next item. The same
 * 5 s first wait is used for every captcha type, as that library does.
 * Plain HTTP (fetch, POST bodies) against the sandbox, on the benchmark's time scale.
 */
const { itemParams } = require('./workload');

const FIRST_WAIT_MS = 5000;
const POLL_INTERVAL_MS = 5000;

const sleep = (modelMs, timeScale) => new Promise((resolve) => setTimeout(resolve, modelMs * timeScale));

async function call(baseUrl, endpoint, apiKey, params) {
	const response = await fetch(`${baseUrl}/${endpoint}`, {
		method: 'POST',
		headers: { 'content-type': 'application/x-www-form-urlencoded' },
		body: new URLSearchParams({ ...params, key: apiKey, json: '1' }),
	});
	return await response.json();
}

/** Solves one item; returns the captcha id and the time its answer arrived, or throws the API's code. */
async function solveOne({ url: baseUrl, apiKey, timeScale }, params) {
	const submitted = await call(baseUrl, 'in.php', apiKey, params);
	if (submitted.status !== 1) throw new Error(String(submitted.request));
	const id = String(submitted.request);
	await sleep(FIRST_WAIT_MS, timeScale);
	for (;;) {
		const result = await call(baseUrl, 'res.php', apiKey, { action: 'get', id });
		if (result.status === 1) return [id, Date.now()];
		if (result.request !== 'CAPCHA_NOT_READY') throw new Error(String(result.request));
		await sleep(POLL_INTERVAL_MS, timeScale);
	}
}

async function runBaseline(spec) {
	await call(spec.url, 'res.php', spec.apiKey, { action: 'getbalance' }); // warm-up, not timed: loads fetch and connects
	const deliveries = [];
	const failures = [];
	const startedAt = Date.now();
	for (let index = 0; index < spec.n; index++) {
		try {
			deliveries.push(await solveOne(spec, itemParams(index)));
		} catch (error) {
			failures.push(error.message);
		}
	}
	return { startedAt, finishedAt: Date.now(), deliveries, failures };
}

/**
 * A straightforward CONCURRENT client: every item submitted at the spec's pacing (100 ms apart), each then
 * polling its own id (`action=get&id=`) 5 s after its submission and every 5 s until ready. No shared engine.
 */
async function runConcurrent(spec) {
	await call(spec.url, 'res.php', spec.apiKey, { action: 'getbalance' });
	const deliveries = [];
	const failures = [];
	const startedAt = Date.now();
	const solving = [];
	for (let index = 0; index < spec.n; index++) {
		if (index > 0) await sleep(100, spec.timeScale);
		solving.push(
			solveOne(spec, itemParams(index)).then(
				(delivery) => deliveries.push(delivery),
				(error) => failures.push(error.message),
			),
		);
	}
	await Promise.all(solving);
	return { startedAt, finishedAt: Date.now(), deliveries, failures };
}

/**
 * What the model costs for solve times it did not run (the 1,000-item row): the answer of a captcha solved in
 * s seconds is seen at the first poll at or after s (polls at 5, 10, 15 ... s after its submission).
 */
function modelSequential(solveSeconds) {
	const first = FIRST_WAIT_MS / 1000;
	const interval = POLL_INTERVAL_MS / 1000;
	const polls = solveSeconds.map((s) => 1 + Math.max(0, Math.ceil((s - first) / interval)));
	const seenAfter = polls.map((count) => first + (count - 1) * interval);
	const delays = seenAfter.map((seen, i) => seen - solveSeconds[i]);
	return {
		wallSec: seenAfter.reduce((a, b) => a + b, 0),
		resPerCaptcha: polls.reduce((a, b) => a + b, 0) / polls.length,
		delays,
	};
}

module.exports = { runBaseline, runConcurrent, modelSequential, FIRST_WAIT_MS, POLL_INTERVAL_MS };
