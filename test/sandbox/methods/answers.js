'use strict';
/** Generators for answers that look like the real ones (shapes copied from the spec's examples). */
const { ALPHABETS } = require('../prng');

const DEFAULT_USER_AGENT =
	'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36';

const WORDS = ['hello', 'world', 'seven', 'green', 'river', 'window', 'orange', 'table', 'music', 'garden', 'yellow', 'planet'];
const TEXT_ANSWERS = ['Friday', 'blue', 'seven', 'Paris', '12', 'cat', 'winter', 'three'];

const token = (rng, length, alphabet = ALPHABETS.base64url) => rng.string(length, alphabet);
const hex = (rng, length) => rng.string(length, ALPHABETS.hex);

/** reCAPTCHA tokens start with 03A and are a few hundred base64url characters long. */
const recaptchaToken = (rng) => `03A${token(rng, rng.int(480, 560))}`;

/** Arkose Labs tokens are `|`-separated key=value lists carrying the public key and service URL. */
function funcaptchaToken(rng, publickey, surl) {
	const session = `${hex(rng, 17)}.${rng.string(8, ALPHABETS.digits)}`;
	return [
		session,
		`r=${rng.pick(['eu-west-1', 'us-east-1', 'ap-southeast-1'])}`,
		'meta=3',
		'meta_width=300',
		'metabgclr=transparent',
		'guitextcolor=%23000000',
		'lang=en',
		`pk=${publickey}`,
		'cdn_url=https%3A%2F%2Fclient-api.arkoselabs.com%2Fcdn%2Ffc',
		`surl=${surl || 'https://client-api.arkoselabs.com'}`,
		'smurl=https%3A%2F%2Fclient-api.arkoselabs.com%2Fcdn%2Ffc%2Fassets%2Fstyle-manager',
	].join('|');
}

/** KeyCaptcha answers: hash|web_server_sign|url|session_id|1. */
function keycaptchaAnswer(rng, params) {
	return [hex(rng, 32), params.s_s_c_web_server_sign, `http://back10.keycaptcha.com/swfs/ckc/${hex(rng, 32)}-`, params.s_s_c_session_id, '1'].join('|');
}

/** Normal captcha text honouring numeric, min_len/max_len, phrase, regsense and calc. */
function imageText(rng, params) {
	if (params.calc === '1') return String(rng.int(2, 99));
	const numeric = Number(params.numeric || 0);
	const minLength = Number(params.min_len) || 4;
	const maxLength = Math.max(minLength, Number(params.max_len) || Math.max(minLength, 7));
	const alphabets = {
		1: ALPHABETS.digits,
		2: ALPHABETS.letters,
		3: rng.pick([ALPHABETS.digits, ALPHABETS.letters]),
	};
	const alphabet = alphabets[numeric] || ALPHABETS.letters + ALPHABETS.digits;
	const word = () => {
		const length = rng.int(minLength, maxLength);
		let text = rng.string(length, alphabet);
		if (numeric === 4 && length > 1) text = rng.pick(ALPHABETS.letters) + rng.pick(ALPHABETS.digits) + text.slice(2);
		if (params.regsense === '1') text = [...text].map((char) => (rng.chance(0.5) ? char.toUpperCase() : char)).join('');
		return text;
	};
	return params.phrase === '1' ? `${word()} ${word()}` : word();
}

const spokenText = (rng) => Array.from({ length: rng.int(2, 4) }, () => rng.pick(WORDS)).join(' ');

/** DataDome answers a cookie string for the domain of the page. */
function datadomeCookie(rng, pageurl) {
	const domain = new URL(pageurl).hostname.replace(/^www\./, '');
	return `datadome=${token(rng, 120, ALPHABETS.base64url.replace('-', '~'))}; Max-Age=31536000; Domain=.${domain}; Path=/; Secure; SameSite=Lax`;
}

/** Cookies returned with reCAPTCHA answers when cookies were sent: the client's, plus the worker's `_GRECAPTCHA`. */
function workerCookies(rng, params) {
	const sent = String(params.cookies || '')
		.split(';')
		.map((pair) => pair.trim())
		.filter(Boolean);
	return [...sent, `_GRECAPTCHA:09A${token(rng, 60)}`].join(';');
}

module.exports = {
	DEFAULT_USER_AGENT,
	TEXT_ANSWERS,
	token,
	hex,
	recaptchaToken,
	funcaptchaToken,
	keycaptchaAnswer,
	imageText,
	spokenText,
	datadomeCookie,
	workerCookies,
};
