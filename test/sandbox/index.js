'use strict';
/**
 * A local 2Captcha API v1 server (in.php / res.php) for tests, benchmarks and demos: every captcha method with the
 * spec's parameter checks and answer shapes, solve times, balances, reports, pingbacks, request limits and faults.
 *
 *   const { startSandbox } = require('./test/sandbox');
 *   const sandbox = await startSandbox({ timeScale: 0.001, seed: 7 });
 *   // sandbox.url, sandbox.apiKey, sandbox.log, sandbox.captchas, sandbox.setFaults({...}), await sandbox.close()
 */
const http = require('node:http');
const { createRandom, deriveSeed, ALPHABETS } = require('./prng');
const { createAccounts } = require('./accounts');
const { createLimits } = require('./limits');
const { createFaults } = require('./faults');
const { createPingbacks } = require('./pingback');
const { createCaptchas } = require('./captchas');
const { createHandler } = require('./server');


function listen(server, port, host) {
	return new Promise((resolve, reject) => {
		server.once('error', reject);
		server.listen(port, host, () => {
			server.off('error', reject);
			resolve(server.address());
		});
	});
}

/**
 * options: { port = 0, host = '127.0.0.1', seed = 1, timeScale = 1 (multiplies every duration; 0.001 → ms),
 *   solveTimes: { [methodKey | in.php method | 'image' | 'token' | '*']: { min, max } seconds },
 *   faults: { html502Rate, resetRate, hangRate, noSlotRate, unsolvableRate, zeroBalance },
 *   balance = 100 (USD), apiKey (a fixed 32-character key; default derived from the seed),
 *   limits: overrides of limits.js DEFAULT_LIMITS (e.g. { resBase: 10 } to reach ERROR: 1005 quickly),
 *   logLimit = 200000: the oldest log entries are dropped beyond this many, so long runs keep a bounded memory,
 *   onLog(entry): called as each entry is recorded (a request's `response` is filled in later in the same tick) }
 */
async function startSandbox(options = {}) {
	const { port = 0, host = '127.0.0.1', seed = 1, timeScale = 1, solveTimes = {}, faults, balance = 100, limits, onLog, logLimit = 200_000 } = options;
	if (!(timeScale > 0)) throw new Error('timeScale must be a positive number');
	const scaleMs = (seconds) => seconds * 1000 * timeScale;
	const apiKey = options.apiKey ?? createRandom(deriveSeed(seed, 'api-key')).string(32, ALPHABETS.hex);

	const log = [];
	const record = (entry) => {
		log.push(entry);
		if (log.length > logLimit) log.splice(0, log.length - logLimit);
		onLog?.(entry);
	};
	const accounts = createAccounts();
	accounts.add(apiKey, balance);
	const pingbacks = createPingbacks({ log: record, scaleMs });
	const services = {
		scaleMs,
		accounts,
		pingbacks,
		log: record,
		logEntries: log,
		limits: createLimits({ limits, scaleMs }),
		faults: createFaults(seed, faults),
		captchas: createCaptchas({ seed, scaleMs, solveTimes, pingbacks }),
	};

	const server = http.createServer(createHandler(services));
	const address = await listen(server, port, host);
	const urlHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;

	return {
		url: `http://${urlHost}:${address.port}`,
		port: address.port,
		apiKey,
		log,
		captchas: services.captchas.all,
		setFaults: (next) => services.faults.set(next),
		addKey: (key, usd = 100) => void accounts.add(key, usd),
		balance: (key) => accounts.balance(key),
		async close() {
			services.captchas.close();
			pingbacks.close();
			await new Promise((resolve) => {
				server.close(() => resolve());
				server.closeAllConnections();
			});
		},
	};
}

module.exports = { startSandbox };
