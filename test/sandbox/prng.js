'use strict';
/** Seeded pseudo-random numbers (mulberry32): the same seed always gives the same sandbox run. */

/** Hashes a seed and labels into a 32-bit integer, to derive independent streams. */
function deriveSeed(seed, ...labels) {
	let h = 2166136261 ^ Number(seed >>> 0);
	for (const char of labels.join('/')) {
		h = Math.imul(h ^ char.charCodeAt(0), 16777619);
	}
	return h >>> 0;
}

function createRandom(seed) {
	let state = seed >>> 0;
	const next = () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
	const int = (min, max) => min + Math.floor(next() * (max - min + 1));
	return {
		next,
		int,
		/** Uniform float in [min, max). */
		between: (min, max) => min + next() * (max - min),
		chance: (probability) => probability > 0 && next() < probability,
		pick: (items) => items[int(0, items.length - 1)],
		string(length, alphabet) {
			let out = '';
			for (let i = 0; i < length; i++) out += alphabet[int(0, alphabet.length - 1)];
			return out;
		},
	};
}

const ALPHABETS = {
	hex: '0123456789abcdef',
	lower: 'abcdefghijklmnopqrstuvwxyz',
	alnum: 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789',
	lowerAlnum: 'abcdefghijklmnopqrstuvwxyz0123456789',
	base64url: 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_',
	base64: 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/',
	digits: '0123456789',
	letters: 'abcdefghijkmnpqrstuvwxyz',
};

module.exports = { createRandom, deriveSeed, ALPHABETS };
