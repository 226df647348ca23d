'use strict';
/**
 * The method registry: maps an in.php request to its method entry (by `method` and the flags the spec defines)
 * and checks it the way the spec states. Method keys, also used for `solveTimes` overrides:
 * normal, grid, canvas, coordinates, textcaptcha, rotatecaptcha, bounding_box, audio, userrecaptcha,
 * userrecaptcha_v3, funcaptcha, keycaptcha, geetest, geetest_v4, capy, lemin, turnstile, amazon_waf, cybersiara,
 * mt_captcha, cutcaptcha, friendly_captcha, atb_captcha, tencent, datadome, prosopo, captchafox, and from 2Captcha's
 * client libraries temuimage, vkimage, vkcaptcha, yandex, altcha, binance, yidun, alibaba, tspd, basilisk, hunt,
 * drag_drop (tiktok and hcaptcha: refused).
 */
const human = require('./human-methods');
const tokens = require('./token-methods');
const library = require('./library-methods');
const { checkRequired, checkProxy, firstError, present } = require('./checks');

const METHODS = { ...human, ...tokens, ...library };

/** in.php `method` values that name an entry directly. */
const BY_METHOD_PARAM = Object.fromEntries(
	Object.values(METHODS)
		.filter((method) => !['normal', 'grid', 'canvas', 'coordinates', 'userrecaptcha_v3'].includes(method.key))
		.map((method) => [method.key, method]),
);

/** Default solve times in seconds: images 5-20 s, tokens 10-45 s. */
const DEFAULT_SOLVE_TIMES = { image: { min: 5, max: 20 }, token: { min: 10, max: 45 } };

/** The entry for a request, or null when the method is unknown. */
function resolveMethod(params) {
	const method = String(params.method ?? '').trim().toLowerCase();
	// The spec's Text Captcha form sends only `textcaptcha`, without a method; 2Captcha's own client libraries
	// send it with method=post and no file. Both are a text captcha.
	if ((method === '' || method === 'post') && present(params.textcaptcha) && !present(params.body)) return METHODS.textcaptcha;
	if (method === 'post' || method === 'base64') {
		if (params.coordinatescaptcha === '1') return METHODS.coordinates;
		if (params.canvas === '1') return METHODS.canvas;
		if (params.recaptcha === '1') return METHODS.grid;
		return METHODS.normal;
	}
	if (method === 'userrecaptcha' && String(params.version ?? '').toLowerCase() === 'v3') return METHODS.userrecaptcha_v3;
	if (method === 'geetest' && String(params.version ?? '') === '4') return METHODS.geetest_v4;
	return BY_METHOD_PARAM[method] ?? null;
}

/** Checks a submission: required parameters in order, the proxy, then the method's own checks. */
function checkSubmission(method, ctx) {
	return firstError(
		() => checkRequired(ctx.params, method.required ?? []),
		() => checkProxy(ctx.params, Boolean(method.proxyRequired)),
		() => (method.check ? method.check(ctx) : null),
	);
}

/** Solve-time range in seconds: override by method key, by in.php method value, by category or '*', else the default. */
function solveTimeRange(method, params, overrides = {}) {
	const candidates = [method.key, params.method, method.category, '*'];
	const override = candidates.map((name) => name && overrides[name]).find(Boolean);
	return override ?? DEFAULT_SOLVE_TIMES[method.category];
}

module.exports = { METHODS, resolveMethod, checkSubmission, solveTimeRange, DEFAULT_SOLVE_TIMES };
