'use strict';
/**
 * Fault injection, set per run and drawn from the seeded generator:
 * html502Rate (nginx 502 page), resetRate (TCP reset), hangRate (no answer until the client gives up),
 * noSlotRate (in.php ERROR_NO_SLOT_AVAILABLE), unsolvableRate (captchas end ERROR_CAPTCHA_UNSOLVABLE),
 * zeroBalance (in.php ERROR_ZERO_BALANCE, getbalance 0).
 *
 * Hostile mode (a misbehaving 2Captcha-compatible server), same draws:
 * echoRate (HTTP 400 or 502 HTML page echoing the whole request, key, proxy and pingback included),
 * oversizeRate (a body of `oversizeBytes`, 3 MiB unless set), trickleRate (a body dripped a byte at a time, never
 * finished), nonUtf8Rate (a body that is not UTF-8), all instead of an answer (nothing is created or charged);
 * duplicateIdRate (in.php answers OK with an id it issued before, creating nothing), emptyIdRate (in.php
 * accepts and charges the captcha but answers `OK|` without its id), mismatchRate (a multi-id answer with a part
 * missing or one part too many).
 */
const { createRandom, deriveSeed } = require('./prng');

/** Faults that replace the whole answer, in the order of the one draw per request. */
const TRANSPORT = ['html502', 'reset', 'hang', 'echo', 'oversize', 'trickle', 'nonUtf8'];
const RATES = [...TRANSPORT.map((name) => `${name}Rate`), 'noSlotRate', 'unsolvableRate', 'duplicateIdRate', 'emptyIdRate', 'mismatchRate'];
const NO_FAULTS = { ...Object.fromEntries(RATES.map((name) => [name, 0])), zeroBalance: false, oversizeBytes: 3 * 1024 * 1024 };

const HTML_502 =
	'<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n';

function normalizeFaults(faults = {}) {
	const normalized = { ...NO_FAULTS };
	for (const [name, value] of Object.entries(faults)) {
		if (name === 'zeroBalance') normalized.zeroBalance = Boolean(value);
		else if (name === 'oversizeBytes') {
			const bytes = Number(value);
			if (!(Number.isInteger(bytes) && bytes > 0)) throw new Error('fault oversizeBytes must be a positive whole number');
			normalized.oversizeBytes = bytes;
		} else if (RATES.includes(name)) {
			const rate = Number(value);
			if (!(rate >= 0 && rate <= 1)) throw new Error(`fault ${name} must be a rate between 0 and 1`);
			normalized[name] = rate;
		} else throw new Error(`unknown fault ${name}; known: ${[...RATES, 'zeroBalance'].join(', ')}`);
	}
	return normalized;
}

function createFaults(seed, initial) {
	const rng = createRandom(deriveSeed(seed, 'faults'));
	let current = normalizeFaults(initial);
	return {
		get current() {
			return current;
		},
		set(faults) {
			current = normalizeFaults(faults);
		},
		/** One draw per request: one of TRANSPORT or null. */
		transport() {
			const rates = TRANSPORT.map((name) => current[`${name}Rate`]);
			if (rates.reduce((sum, rate) => sum + rate, 0) <= 0) return null;
			const draw = rng.next();
			let bound = 0;
			for (let i = 0; i < TRANSPORT.length; i++) {
				bound += rates[i];
				if (draw < bound) return TRANSPORT[i];
			}
			return null;
		},
		/** A second draw for faults with variants (echo status, mismatch kind). */
		pick: (items) => rng.pick(items),
		noSlot: () => rng.chance(current.noSlotRate),
		unsolvable: () => rng.chance(current.unsolvableRate),
		duplicateId: () => rng.chance(current.duplicateIdRate),
		emptyId: () => rng.chance(current.emptyIdRate),
		mismatch: () => rng.chance(current.mismatchRate),
	};
}

module.exports = { createFaults, normalizeFaults, HTML_502 };
