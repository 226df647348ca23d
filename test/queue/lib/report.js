'use strict';
/** What the sandbox answered during a run (its request-limit answers, in.php throughput) and Redis clean-up. */
const path = require('node:path');
const { PACK_ROOT } = require('../../e2e/lib/n8n');

/** Largest number of entries within any `windowMs`. */
function peakInWindow(times, windowMs) {
	let peak = 0;
	for (let i = 0, j = 0; i < times.length; i++) {
		while (times[i] - times[j] >= windowMs) j++;
		peak = Math.max(peak, i - j + 1);
	}
	return peak;
}

/**
 * Counts from the sandbox log entries after index `since`: in.php requests and accepted submissions, the peak of
 * in.php requests in any 3 s (the service bans above 60), accepted submissions per second from first to last,
 * MAX_USER_TURN, ERROR_NO_SLOT_AVAILABLE and `ERROR: 100x` answers by code, res.php requests.
 */
function limitAnswers(log, since = 0) {
	const entries = log.slice(since);
	const inPhp = entries.filter((entry) => entry.endpoint === 'in.php');
	const accepted = inPhp.filter((entry) => entry.response?.status === 1).map((entry) => entry.at);
	const answer = (entry) => String(entry.response?.request ?? '');
	const errors100x = {};
	for (const entry of entries) {
		const code = /^ERROR: 100\d$/.exec(answer(entry))?.[0];
		if (code) errors100x[code] = (errors100x[code] ?? 0) + 1;
	}
	const spanSeconds = accepted.length > 1 ? (accepted.at(-1) - accepted[0]) / 1000 : 0;
	return {
		inRequests: inPhp.length,
		accepted: accepted.length,
		peakPer3s: peakInWindow(inPhp.map((entry) => entry.at), 3000),
		acceptedPerSecond: spanSeconds ? Number(((accepted.length - 1) / spanSeconds).toFixed(1)) : 0,
		maxUserTurn: inPhp.filter((entry) => answer(entry) === 'MAX_USER_TURN').length,
		noSlot: inPhp.filter((entry) => answer(entry) === 'ERROR_NO_SLOT_AVAILABLE').length,
		errors100x,
		resRequests: entries.filter((entry) => entry.endpoint === 'res.php').length,
	};
}

/** Deletes every key under `prefix` (Bull's queue and the pack's shared slots) with the pack's own Redis client. */
async function deleteRedisKeys(settings, prefix) {
	const { RedisConnection } = require(path.join(PACK_ROOT, 'dist/nodes/TwoCaptcha/engine/redisConnection.js'));
	const redis = new RedisConnection({ tls: false, ...settings }, 5000);
	// The pack's socket does not keep a process alive (right inside n8n): this timer does, until the keys are gone.
	const keepAlive = setInterval(() => {}, 1000);
	try {
		let cursor = '0';
		do {
			const [next, keys] = await redis.call('SCAN', cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
			if (keys.length) await redis.call('DEL', ...keys);
			cursor = next;
		} while (cursor !== '0');
	} finally {
		clearInterval(keepAlive);
		redis.close();
	}
}

module.exports = { limitAnswers, deleteRedisKeys, peakInWindow };
