'use strict';
/**
 * One benchmark row in its own process, so its peak RSS is its own: receives the row's spec over IPC, runs it
 * against the sandbox the parent started, and sends back its timings and process.resourceUsage().maxRSS.
 */
// Loaded on demand, so the baseline's process does not carry the engine's modules.
const RUNNERS = {
	engine: () => require('./engineRow').runEngine,
	baseline: () => require('./baseline').runBaseline,
	concurrent: () => require('./baseline').runConcurrent,
	sparse: () => require('./engineRow').runSparse,
	pingback: () => require('./pingbackRow').runPingback,
	pingwait: () => require('./pingwaitRow').runPingwait,
};

process.once('message', async (spec) => {
	try {
		const run = RUNNERS[spec.kind]();
		const loadedRssKb = process.memoryUsage().rss / 1024;
		const report = await run(spec);
		process.send({ ...report, loadedRssKb, maxRssKb: process.resourceUsage().maxRSS }, () => process.exit(0));
	} catch (error) {
		process.send({ crashed: error.stack ?? String(error) }, () => process.exit(1));
	}
});
