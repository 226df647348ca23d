'use strict';
/**
 * One benchmark row in its own process, so its peak RSS is its own: receives the row's spec over IPC, runs it
 * against the sandbox the parent started (the row file's run(), see rows/index.js), and sends back its timings, the
 * RSS once its modules are loaded (the row file's preload()) and process.resourceUsage().maxRSS. Exits when the
 * parent goes away.
 */
const { rowKind } = require('./rows');

process.once('disconnect', () => process.exit(1));
process.once('message', async (spec) => {
	try {
		const { run, preload } = rowKind(spec.kind);
		// The modules the row's client needs, loaded before its memory is taken as the starting point.
		preload?.();
		const loadedRssKb = process.memoryUsage().rss / 1024;
		const report = await run(spec);
		process.send({ ...report, loadedRssKb, maxRssKb: process.resourceUsage().maxRSS }, () => process.exit(0));
	} catch (error) {
		process.send({ crashed: error.stack ?? String(error) }, () => process.exit(1));
	}
});
