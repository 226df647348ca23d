'use strict';
/**
 * Token methods (solved in a worker's browser): reCAPTCHA, Arkose Labs, KeyCaptcha, Geetest, Capy, Lemin, Turnstile,
 * Amazon WAF, CyberSiARA, MTCaptcha, Cutcaptcha, Friendly Captcha, atbCAPTCHA, Tencent, DataDome, Prosopo, CaptchaFox.
 * Each entry: key, category, price (USD), required parameters in check order, proxyRequired, check(ctx), answer(ctx).
 */
const { ALPHABETS } = require('../prng');
const checks = require('./checks');
const answers = require('./answers');

const { BAD, firstError, present } = checks;
const { token, hex } = answers;

const jwt = (rng) => `eyJ${token(rng, 33)}.eyJ${token(rng, rng.int(150, 220))}.${token(rng, 43)}`;
const userAgentOf = (params) => checks.pick(params, 'userAgent|useragent') || answers.DEFAULT_USER_AGENT;
const optionalUrl = (params, name) => (present(params[name]) && !checks.isHttpUrl(params[name]) ? BAD : null);

/** A token method whose answer is a plain string. */
const tokenMethod = (key, price, required, makeToken, extra = {}) => ({
	key,
	category: 'token',
	price,
	required,
	answer: (ctx) => ({ value: makeToken(ctx.rng, ctx.params) }),
	...extra,
});

function checkRecaptcha(ctx) {
	return firstError(
		() => checks.checkIntegers(ctx.params, { invisible: [0, 1], enterprise: [0, 1] }),
		() => (present(ctx.params.domain) && !['google.com', 'recaptcha.net'].includes(ctx.params.domain) ? BAD : null),
		() => checks.checkCookies(ctx.params),
	);
}

const userrecaptcha = {
	key: 'userrecaptcha',
	category: 'token',
	price: 0.00299,
	required: ['googlekey', 'pageurl'],
	check: checkRecaptcha,
	answer(ctx) {
		const value = answers.recaptchaToken(ctx.rng);
		const sentCookies = present(ctx.params.cookies) || present(ctx.params.json_cookies);
		return sentCookies ? { value, extras: { cookies: answers.workerCookies(ctx.rng, ctx.params) } } : { value };
	},
};

const userrecaptchaV3 = tokenMethod('userrecaptcha_v3', 0.00299, ['googlekey', 'pageurl'], answers.recaptchaToken, {
	check(ctx) {
		const score = Number(ctx.params.min_score);
		const badScore = present(ctx.params.min_score) && !(score >= 0.1 && score <= 0.9);
		return badScore ? BAD : checkRecaptcha(ctx);
	},
});

const funcaptcha = tokenMethod('funcaptcha', 0.005, ['publickey', 'pageurl'], (rng, params) => answers.funcaptchaToken(rng, params.publickey, params.surl), {
	check: (ctx) => optionalUrl(ctx.params, 'surl'),
});

const keycaptcha = tokenMethod(
	'keycaptcha',
	0.00299,
	['s_s_c_user_id', 's_s_c_session_id', 's_s_c_web_server_sign', 's_s_c_web_server_sign2', 'pageurl'],
	answers.keycaptchaAnswer,
);

const geetest = tokenMethod('geetest', 0.00299, ['gt', 'challenge', 'pageurl'], (rng, params) => {
	const validate = hex(rng, 32);
	return { challenge: params.challenge, validate, seccode: `${validate}|jordan` };
}, { check: (ctx) => checks.checkIntegers(ctx.params, { offline: [0, 1], new_captcha: [0, 1] }) });

const geetestV4 = tokenMethod('geetest_v4', 0.00299, ['captcha_id', 'pageurl'], (rng, params) => ({
	captcha_id: params.captcha_id,
	lot_number: hex(rng, 32),
	pass_token: hex(rng, 64),
	gen_time: String(1_700_000_000 + rng.int(0, 99_999_999)),
	captcha_output: `${token(rng, 160)}=`,
}));

const capy = tokenMethod('capy', 0.00299, ['captchakey', 'pageurl'], (rng, params) => ({
	captchakey: params.captchakey,
	challengekey: rng.string(32, ALPHABETS.alnum),
	answer: Array.from({ length: rng.int(10, 16) }, () => `0x${rng.string(2, ALPHABETS.lowerAlnum)}`).join('x'),
}), {
	check: (ctx) => (present(ctx.params.version) && !['puzzle', 'avatar'].includes(ctx.params.version) ? BAD : optionalUrl(ctx.params, 'api_server')),
});

const lemin = tokenMethod('lemin', 0.00299, ['captcha_id', 'pageurl'], (rng) => ({
	answer: `0x${Array.from({ length: 20 }, () => rng.string(2, ALPHABETS.lowerAlnum)).join('x0x')}_?_gAAAAAB${token(rng, 120)}`,
	challenge_id: [8, 4, 4, 4, 12].map((length) => hex(rng, length)).join('-'),
}), { check: (ctx) => optionalUrl(ctx.params, 'api_server') });

const turnstile = {
	key: 'turnstile',
	category: 'token',
	price: 0.00145,
	required: ['sitekey', 'pageurl'],
	// On Challenge pages pagedata comes with data (cData) and action; the user agent to use comes back with the token.
	check: (ctx) => (present(ctx.params.pagedata) && !(present(ctx.params.data) && present(ctx.params.action)) ? BAD : null),
	answer: ({ rng, params }) => ({ value: `0.${token(rng, rng.int(380, 460))}`, extras: { useragent: userAgentOf(params) } }),
};

const amazonWaf = tokenMethod('amazon_waf', 0.00145, ['sitekey', 'iv', 'context', 'pageurl'], (rng) => ({
	captcha_voucher: jwt(rng),
	existing_token: `${[8, 4, 4, 4, 12].map((length) => hex(rng, length)).join('-')}:${token(rng, 16, ALPHABETS.base64)}:${token(rng, 180, ALPHABETS.base64)}=`,
}), { check: (ctx) => optionalUrl(ctx.params, 'challenge_script') || optionalUrl(ctx.params, 'captcha_script') });

const cybersiara = tokenMethod('cybersiara', 0.00299, ['master_url_id', 'pageurl', 'userAgent|useragent'], jwt);

const mtCaptcha = tokenMethod('mt_captcha', 0.00299, ['sitekey', 'pageurl'], (rng) =>
	`v1(${hex(rng, 8)},${hex(rng, 8)},MTPublic-${rng.string(9, ALPHABETS.alnum)},${hex(rng, 32)},${token(rng, 300)})`,
);

const cutcaptcha = tokenMethod('cutcaptcha', 0.00299, ['misery_key', 'api_key', 'pageurl'], (rng) => rng.string(32, ALPHABETS.alnum));

const friendlyCaptcha = tokenMethod('friendly_captcha', 0.00299, ['sitekey', 'pageurl'], (rng) =>
	`${hex(rng, 32)}.${token(rng, rng.int(300, 400), ALPHABETS.base64)}.AgAD`,
);

const atbCaptcha = tokenMethod('atb_captcha', 0.00299, ['app_id', 'api_server', 'pageurl'], (rng) => `${rng.string(17, ALPHABETS.lowerAlnum)}:`);

const tencent = tokenMethod('tencent', 0.00299, ['app_id', 'pageurl'], (rng, params) => ({
	appid: params.app_id,
	ret: 0,
	ticket: `tr0${token(rng, rng.int(70, 90))}*`,
	randstr: `@${rng.string(3, ALPHABETS.alnum)}`,
}), { check: (ctx) => optionalUrl(ctx.params, 'captcha_script') });

const datadome = tokenMethod('datadome', 0.00299, ['captcha_url', 'pageurl', 'userAgent|useragent'], (rng, params) => answers.datadomeCookie(rng, params.pageurl), {
	proxyRequired: true,
	check: (ctx) => optionalUrl(ctx.params, 'captcha_url'),
	// The spec: `t=bv` in captcha_url means the IP is banned by DataDome, so no worker can solve it.
	unsolvable: (ctx) => new URL(ctx.params.captcha_url).searchParams.get('t') === 'bv',
});

const prosopo = tokenMethod('prosopo', 0.00299, ['sitekey', 'pageurl'], (rng) => `0x${hex(rng, rng.int(560, 640))}`);

const captchafox = tokenMethod('captchafox', 0.00299, ['sitekey', 'pageurl', 'useragent|userAgent'], (rng) => hex(rng, 64), { proxyRequired: true });

/** TikTok: "This method is temporary disabled" by the service, so every submission is refused with ERROR_BAD_PARAMETERS. */
const tiktok = { key: 'tiktok', category: 'token', price: 0, check: () => BAD, answer: () => ({ value: '' }) };

module.exports = {
	userrecaptcha,
	userrecaptcha_v3: userrecaptchaV3,
	funcaptcha,
	keycaptcha,
	geetest,
	geetest_v4: geetestV4,
	capy,
	lemin,
	turnstile,
	amazon_waf: amazonWaf,
	cybersiara,
	mt_captcha: mtCaptcha,
	cutcaptcha,
	friendly_captcha: friendlyCaptcha,
	atb_captcha: atbCaptcha,
	tencent,
	datadome,
	prosopo,
	captchafox,
	tiktok,
};
