'use strict';
/** A minimal test harness: named async cases, run with bounded parallelism, one line per result, a summary. */
const assert = require('node:assert/strict');

/** Runs `worker(item, slot)` over items with at most `limit` at a time; `slot` (0..limit-1) is stable per lane. */
async function mapLimit(items, limit, worker) {
	const results = new Array(items.length);
	let next = 0;
	const lane = async (slot) => {
		while (next < items.length) {
			const index = next++;
			results[index] = await worker(items[index], slot);
		}
	};
	await Promise.all(Array.from({ length: Math.min(limit, items.length) }, (_, slot) => lane(slot)));
	return results;
}

/** Runs cases ({ name, run(slot) }) and prints `ok`/`FAIL` per case; resolves { passed, failed }. */
async function runCases(cases, { parallel = 1 } = {}) {
	const outcomes = await mapLimit(cases, parallel, async (testCase, slot) => {
		const started = Date.now();
		try {
			const note = await testCase.run(slot);
			console.log(`ok    ${testCase.name} (${elapsed(started)})${note ? `  ${note}` : ''}`);
			return true;
		} catch (error) {
			console.log(`FAIL  ${testCase.name} (${elapsed(started)})\n      ${indent(error.message)}`);
			return false;
		}
	});
	const passed = outcomes.filter(Boolean).length;
	return { passed, failed: outcomes.length - passed };
}

const elapsed = (started) => `${((Date.now() - started) / 1000).toFixed(1)} s`;
const indent = (text) => String(text).split('\n').slice(0, 25).join('\n      ');

module.exports = { assert, mapLimit, runCases };
