'use strict';
/**
 * Fault injection, set per run and drawn from the seeded generator:
 * html502Rate (nginx 502 page), resetRate (TCP reset), hangRate (no answer until the client gives up),
 * noSlotRate (in.php ERROR_NO_SLOT_AVAILABLE), unsolvableRate (captchas end ERROR_CAPTCHA_UNSOLVABLE),
 * zeroBalance (in.php ERROR_ZERO_BALANCE, getbalance 0).
 */
const { createRandom, deriveSeed } = require('./prng');

const RATES = ['html502Rate', 'resetRate', 'hangRate', 'noSlotRate', 'unsolvableRate'];
const NO_FAULTS = { html502Rate: 0, resetRate: 0, hangRate: 0, noSlotRate: 0, unsolvableRate: 0, zeroBalance: false };

const HTML_502 =
	'<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n';

function normalizeFaults(faults = {}) {
	const normalized = { ...NO_FAULTS };
	for (const [name, value] of Object.entries(faults)) {
		if (name === 'zeroBalance') normalized.zeroBalance = Boolean(value);
		else if (RATES.includes(name)) {
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
		/** One draw per request: 'html502' | 'reset' | 'hang' | null. */
		transport() {
			const { html502Rate, resetRate, hangRate } = current;
			if (html502Rate + resetRate + hangRate <= 0) return null;
			const draw = rng.next();
			if (draw < html502Rate) return 'html502';
			if (draw < html502Rate + resetRate) return 'reset';
			if (draw < html502Rate + resetRate + hangRate) return 'hang';
			return null;
		},
		noSlot: () => rng.chance(current.noSlotRate),
		unsolvable: () => rng.chance(current.unsolvableRate),
	};
}

module.exports = { createFaults, normalizeFaults, HTML_502 };
