'use strict';
/**
 * The methods 2Captcha's client libraries send beyond the API reference: temuimage, vkimage, vkcaptcha, yandex,
 * altcha, binance, yidun, alibaba, tspd, basilisk, hunt, drag_drop (and hcaptcha, refused: discontinued).
 * Parameters are checked as the libraries' own checkers and 2Captcha's docs state them. Where 2Captcha has not
 * documented the v1 answer format, the answer is the most likely form, marked UNCONFIRMED below and in the README.
 */
const { ALPHABETS } = require('../prng');
const { imageSize } = require('../media');
const checks = require('./checks');
const answers = require('./answers');

const { BAD, firstError, present } = checks;
const { token, hex } = answers;

const optionalUrl = (params, name) => (present(params[name]) && !checks.isHttpUrl(params[name]) ? BAD : null);
const requiredUrl = (params, name) => (checks.isHttpUrl(params[name]) ? null : BAD);
const HOST_NAME = /^(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)*[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/;
const COOKIE_HEADER = /^\s*[^=;\s]+=[^;]*(?:;\s*[^=;\s]+=[^;]*)*;?\s*$/;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** A token method; its answer (UNCONFIRMED for v1: the libraries only say "a token") is a plain string. */
const tokenMethod = (key, required, makeToken, extra = {}) => ({
	key,
	category: 'token',
	price: 0.00299,
	required,
	answer: (ctx) => ({ value: makeToken(ctx.rng, ctx.params) }),
	...extra,
});

const parseJson = (text) => {
	try {
		return { value: JSON.parse(String(text)) };
	} catch {
		return null;
	}
};

/** Checks each image named in `fields` (base64 parameters); the last one's size is kept on ctx.image. */
function requireImages(ctx, fields) {
	for (const field of fields) {
		const error = checks.requireImage(ctx, [field]);
		if (error) return error;
	}
	return null;
}

const point = (rng, size) => ({ x: rng.int(1, size.width - 1), y: rng.int(1, size.height - 1) });

// UNCONFIRMED answer: a list of {x, y}, one per piece (API v2's `coordinates` shape).
const temuimage = {
	key: 'temuimage',
	category: 'image',
	price: 0.0012,
	// All four images are required (the JS library's checker); the background last, so its size places the answer.
	check: (ctx) => requireImages(ctx, ['part1', 'part2', 'part3', 'body']),
	answer(ctx) {
		const size = imageSize(ctx.image) || { width: 300, height: 300 };
		return { value: [1, 2, 3].map(() => point(ctx.rng, size)) };
	},
};

// UNCONFIRMED answer: an object with the slider's best step and the value for VK's API (API v2's keys).
const vkimage = {
	key: 'vkimage',
	category: 'image',
	price: 0.0012,
	required: ['steps'],
	check: (ctx) =>
		firstError(
			() => checks.requireImage(ctx, ['file', 'body']),
			() => {
				const steps = parseJson(ctx.params.steps)?.value;
				return Array.isArray(steps) && steps.length > 0 && steps.every(Number.isInteger) ? null : BAD;
			},
		),
	answer(ctx) {
		const steps = JSON.parse(ctx.params.steps);
		return { value: { best_step: ctx.rng.int(0, steps.length - 1), solution: token(ctx.rng, 64) } };
	},
};

const vkcaptcha = tokenMethod('vkcaptcha', ['redirect_uri', 'userAgent|useragent'], (rng) => `${token(rng, rng.int(200, 260))}`, {
	proxyRequired: true,
	check: (ctx) => requiredUrl(ctx.params, 'redirect_uri'),
});

const yandex = tokenMethod('yandex', ['sitekey', 'pageurl'], (rng) => `dD0x${token(rng, rng.int(400, 500), ALPHABETS.base64)}`);

const altcha = tokenMethod('altcha', ['pageurl'], (rng) => `eyJ${token(rng, rng.int(300, 400), ALPHABETS.base64)}`, {
	// 2Captcha's docs: the challenge URL or its JSON, not both.
	check: (ctx) => {
		const given = ['challenge_url', 'challenge_json'].filter((name) => present(ctx.params[name]));
		if (given.length !== 1) return BAD;
		if (given[0] === 'challenge_url') return requiredUrl(ctx.params, 'challenge_url');
		const json = parseJson(ctx.params.challenge_json)?.value;
		return json && typeof json === 'object' && !Array.isArray(json) ? null : BAD;
	},
});

const binance = tokenMethod('binance', ['sitekey', 'validate_id', 'pageurl'], (rng) => `captcha#${hex(rng, 32)}-${token(rng, 120)}`);

const yidun = tokenMethod('yidun', ['sitekey', 'pageurl'], (rng) => `CN31_${token(rng, rng.int(300, 400))}`, {
	check: (ctx) =>
		firstError(
			// "full https:// URL"
			() => (present(ctx.params.yidun_get_lib) && !/^https:\/\//i.test(String(ctx.params.yidun_get_lib).trim()) ? BAD : optionalUrl(ctx.params, 'yidun_get_lib')),
			() => (present(ctx.params.yidun_api_server_subdomain) && !HOST_NAME.test(String(ctx.params.yidun_api_server_subdomain).trim()) ? BAD : null),
			() => (present(ctx.params.hct) && !/^\d+$/.test(String(ctx.params.hct).trim()) ? BAD : null),
		),
});

const alibaba = tokenMethod('alibaba', ['scene_id', 'prefix', 'pageurl'], (rng) => token(rng, rng.int(400, 520), ALPHABETS.base64), {
	check: (ctx) => optionalUrl(ctx.params, 'api_get_lib'),
});

/** UNCONFIRMED answer: JSON text with the cookies (name → updated value), as the libraries' READMEs describe it. */
const tspd = tokenMethod(
	'tspd',
	['pageurl', 'tspd_cookie', 'html_page_base64'],
	(rng, params) => {
		const names = String(params.tspd_cookie)
			.split(';')
			.map((pair) => pair.split('=')[0].trim())
			.filter(Boolean);
		return JSON.stringify(Object.fromEntries(names.map((name) => [name, `08${hex(rng, 120)}`])));
	},
	{
		proxyRequired: true,
		check: (ctx) =>
			firstError(
				() => (COOKIE_HEADER.test(String(ctx.params.tspd_cookie)) ? null : BAD),
				() => (BASE64.test(String(ctx.params.html_page_base64).replace(/\s+/g, '')) ? null : BAD),
			),
	},
);

const basilisk = tokenMethod('basilisk', ['sitekey', 'pageurl'], (rng) => hex(rng, 64));

/** Hunt: without `data` the answer is the X-HD value, with `data` (the site's meta.token) the final token. */
const hunt = tokenMethod('hunt', ['pageurl', 'api_get_lib'], (rng, params) => (present(params.data) ? `hunt.${token(rng, 180)}` : `xhd.${token(rng, 120)}`), {
	check: (ctx) => requiredUrl(ctx.params, 'api_get_lib'),
});

/** `images`: a JSON list of base64 images (a JSON body's array arrives as that text too). */
function draggableImages(ctx) {
	const list = parseJson(ctx.params.images)?.value;
	if (!Array.isArray(list) || list.length === 0 || !list.every((item) => typeof item === 'string')) return BAD;
	for (const [index, item] of list.entries()) {
		const error = checks.requireImage({ params: { [`image${index}`]: item }, files: [] }, [`image${index}`]);
		if (error) return error;
	}
	ctx.imageCount = list.length;
	return null;
}

/** Answer as the docs state it: `x,y` per draggable image in order, `null` for one that stays. */
const dragDrop = {
	key: 'drag_drop',
	category: 'image',
	price: 0.0012,
	required: ['images'],
	check: (ctx) =>
		firstError(
			() => checks.requireImage(ctx, ['body']),
			() => draggableImages(ctx),
			() => checks.checkInstructionText(ctx.params),
			() => checks.checkIntegers(ctx.params, { language: [0, 2] }),
		),
	answer(ctx) {
		const size = imageSize(ctx.image) || { width: 300, height: 300 };
		const entries = Array.from({ length: ctx.imageCount }, () => {
			if (ctx.rng.chance(0.15)) return 'null';
			const { x, y } = point(ctx.rng, size);
			return `${x},${y}`;
		});
		return { value: entries.join('|') };
	},
};

/** hCaptcha: dropped by every official library in November 2024 and no longer solved; refused like TikTok. */
const hcaptcha = { key: 'hcaptcha', category: 'token', price: 0, check: () => BAD, answer: () => ({ value: '' }) };

module.exports = { temuimage, vkimage, vkcaptcha, yandex, altcha, binance, yidun, alibaba, tspd, basilisk, hunt, drag_drop: dragDrop, hcaptcha };
