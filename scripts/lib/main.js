'use strict';
/**
 * How every command of scripts/ and test/{e2e,queue,bench} ends, written once. `runMain(label, main)` runs
 * `main()` and exits with what it resolves:
 *   { passed, failed }  a suite: prints "<label>: P passed, F failed (N s)"; exit 0 only if something passed and nothing failed
 *   true / false        exit 0 / 1
 *   undefined           nothing: the process lives on (a server until Ctrl-C)
 * A rejection prints "<label>: <stack>" (and a suite's summary line as one failure) and exits 1. Every child
 * started through lib/children.js is stopped on the way out.
 */
let started = Date.now();
const seconds = (since = started) => `${Math.round((Date.now() - since) / 1000)} s`;

function runMain(label, main, { suite = false } = {}) {
	started = Date.now();
	const summary = ({ passed, failed }) => {
		console.log(`\n${label}: ${passed} passed, ${failed} failed (${seconds()})`);
		return failed === 0 && passed > 0;
	};
	main().then(
		(result) => {
			if (result === undefined) return;
			process.exit((typeof result === 'object' ? summary(result) : result) ? 0 : 1);
		},
		(error) => {
			console.error(`${label}: ${error?.stack ?? error}`);
			if (suite) summary({ passed: 0, failed: 1 });
			process.exit(1);
		},
	);
}

module.exports = { runMain, seconds };
