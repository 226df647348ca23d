'use strict';
/**
 * The spec's request limits, every duration multiplied by the time scale:
 * - MAX_USER_TURN: more than 60 in.php requests within 3 s bans the key's in.php for 10 s;
 * - ERROR: 1005: more than 20·C + 1200 res.php requests (C = captchas uploaded) bans the key's res.php for 5 min,
 *   after which both counters start again;
 * - ERROR: 1004: 5 requests with a wrong key from one IP (within 10 min) ban that IP for 10 min.
 */

const DEFAULT_LIMITS = {
	inWindowSec: 3,
	inMaxRequests: 60,
	inBanSec: 10,
	resBase: 1200,
	resPerCaptcha: 20,
	resBanSec: 300,
	wrongKeyMax: 5,
	wrongKeyWindowSec: 600,
	wrongKeyBanSec: 600,
};

function createLimits({ limits = {}, scaleMs, now = Date.now }) {
	const config = { ...DEFAULT_LIMITS, ...limits };
	const accounts = new WeakMap();
	const ips = new Map();

	const accountState = (account) => {
		if (!accounts.has(account)) accounts.set(account, { inTimes: [], inBannedUntil: 0, resRequests: 0, captchas: 0, resBannedUntil: 0 });
		return accounts.get(account);
	};
	const ipState = (ip) => {
		if (!ips.has(ip)) ips.set(ip, { wrongKeyTimes: [], bannedUntil: 0 });
		return ips.get(ip);
	};

	return {
		config,
		/** True while the IP is banned for wrong keys (answer ERROR: 1004). */
		ipBanned: (ip) => ipState(ip).bannedUntil > now(),
		wrongKey(ip) {
			const state = ipState(ip);
			const since = now() - scaleMs(config.wrongKeyWindowSec);
			state.wrongKeyTimes = state.wrongKeyTimes.filter((time) => time > since);
			state.wrongKeyTimes.push(now());
			if (state.wrongKeyTimes.length >= config.wrongKeyMax) {
				state.bannedUntil = now() + scaleMs(config.wrongKeyBanSec);
				state.wrongKeyTimes = [];
			}
		},
		/** Counts an in.php request; returns MAX_USER_TURN when the key is (or becomes) banned. */
		inRequest(account) {
			const state = accountState(account);
			if (state.inBannedUntil > now()) return 'MAX_USER_TURN';
			const since = now() - scaleMs(config.inWindowSec);
			state.inTimes = state.inTimes.filter((time) => time > since);
			state.inTimes.push(now());
			if (state.inTimes.length <= config.inMaxRequests) return null;
			state.inBannedUntil = now() + scaleMs(config.inBanSec);
			state.inTimes = [];
			return 'MAX_USER_TURN';
		},
		/** Counts a res.php request; returns 'ERROR: 1005' when over the budget. */
		resRequest(account) {
			const state = accountState(account);
			if (state.resBannedUntil > now()) return 'ERROR: 1005';
			if (state.resBannedUntil) Object.assign(state, { resBannedUntil: 0, resRequests: 0, captchas: 0 });
			state.resRequests++;
			if (state.resRequests <= state.captchas * config.resPerCaptcha + config.resBase) return null;
			state.resBannedUntil = now() + scaleMs(config.resBanSec);
			return 'ERROR: 1005';
		},
		captchaAccepted(account) {
			accountState(account).captchas++;
		},
	};
}

module.exports = { createLimits, DEFAULT_LIMITS };
