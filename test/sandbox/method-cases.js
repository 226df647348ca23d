'use strict';
/**
 * One valid submission per captcha method (and variant), with the spec's error code for each required parameter
 * left out. Shared by the sandbox tests; also handy for benchmarks that need a valid request of every kind.
 */
const { png, mp3 } = require('./fixtures');

const PAGE = 'https://example.com/login';
const SITEKEY = '6Le-wvkSVVABCPBMRTvw0Q4Muexq1bi0DJwx_mJ-';
const USER_AGENT = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36';
const PROXY = { proxy: 'user:secret@10.0.0.2:3128', proxytype: 'HTTP' };
const IMAGE = png(300, 300).toString('base64');
/** A small tile (Temu pieces, draggable images). */
const PIECE = png(60, 60, 400).toString('base64');

const BAD = 'ERROR_BAD_PARAMETERS';
const NO_FILE = 'ERROR_ZERO_CAPTCHA_FILESIZE';
const PAGEURL = { pageurl: 'ERROR_PAGEURL' };

/** { name, key (sandbox method key), params, files?, required: { param: code when missing } } */
const METHOD_CASES = [
	{ name: 'normal, multipart', key: 'normal', params: { method: 'post' }, files: [{ field: 'file', data: png(200, 70), filename: 'captcha.png' }], required: { file: NO_FILE } },
	{ name: 'normal, base64', key: 'normal', params: { method: 'base64', body: IMAGE, numeric: 1, min_len: 5, max_len: 5 }, required: { body: NO_FILE } },
	{ name: 'grid', key: 'grid', params: { method: 'base64', recaptcha: 1, body: IMAGE, textinstructions: 'Select all images with cars' }, required: { body: NO_FILE, textinstructions: BAD } },
	{ name: 'canvas', key: 'canvas', params: { method: 'base64', recaptcha: 1, canvas: 1, body: IMAGE, textinstructions: 'Select the cat' }, required: { body: NO_FILE, textinstructions: BAD } },
	{ name: 'coordinates', key: 'coordinates', params: { method: 'base64', coordinatescaptcha: 1, body: IMAGE, textinstructions: 'Click on ghosts' }, required: { body: NO_FILE } },
	{ name: 'text captcha', key: 'textcaptcha', params: { textcaptcha: 'If tomorrow is Saturday, what day is today?' }, required: { textcaptcha: BAD } },
	{ name: 'rotate', key: 'rotatecaptcha', params: { method: 'rotatecaptcha', angle: 40 }, files: [{ field: 'file', data: png(150, 150), filename: 'rotate.png' }], required: { file: NO_FILE } },
	{ name: 'bounding box', key: 'bounding_box', params: { method: 'bounding_box', image: IMAGE, textinstructions: 'Select cars in the image' }, required: { image: NO_FILE, textinstructions: BAD } },
	{ name: 'audio', key: 'audio', params: { method: 'audio', body: mp3().toString('base64'), lang: 'en' }, required: { body: BAD, lang: BAD } },
	{ name: 'reCAPTCHA V2', key: 'userrecaptcha', params: { method: 'userrecaptcha', googlekey: SITEKEY, pageurl: PAGE }, required: { googlekey: 'ERROR_WRONG_GOOGLEKEY', ...PAGEURL } },
	{ name: 'reCAPTCHA V2 invisible', key: 'userrecaptcha', params: { method: 'userrecaptcha', googlekey: SITEKEY, pageurl: PAGE, invisible: 1 }, required: { googlekey: 'ERROR_WRONG_GOOGLEKEY', ...PAGEURL } },
	{ name: 'reCAPTCHA Enterprise', key: 'userrecaptcha', params: { method: 'userrecaptcha', googlekey: SITEKEY, pageurl: PAGE, enterprise: 1, 'data-s': 'abc' }, required: { googlekey: 'ERROR_WRONG_GOOGLEKEY', ...PAGEURL } },
	{ name: 'reCAPTCHA V3', key: 'userrecaptcha_v3', params: { method: 'userrecaptcha', version: 'v3', googlekey: SITEKEY, pageurl: PAGE, action: 'verify', min_score: 0.3 }, required: { googlekey: 'ERROR_WRONG_GOOGLEKEY', ...PAGEURL } },
	{ name: 'FunCaptcha', key: 'funcaptcha', params: { method: 'funcaptcha', publickey: '12AB34CD-56F7-AB8C-9D01-2EF3456789A0', surl: 'https://client-api.arkoselabs.com', pageurl: PAGE }, required: { publickey: BAD, ...PAGEURL } },
	{
		name: 'KeyCaptcha',
		key: 'keycaptcha',
		params: { method: 'keycaptcha', s_s_c_user_id: '10', s_s_c_session_id: '493e52c37c10c2bcdf4a00cbc9ccd1e8', s_s_c_web_server_sign: '9006dc725760858e4c0715b835472f22-pz-', s_s_c_web_server_sign2: '2ca3abe86d90c6142d5571db98af6714', pageurl: PAGE },
		required: { s_s_c_user_id: BAD, s_s_c_session_id: BAD, s_s_c_web_server_sign: BAD, s_s_c_web_server_sign2: BAD, ...PAGEURL },
	},
	{ name: 'Geetest', key: 'geetest', params: { method: 'geetest', gt: 'f1ab2cdefa3456789012345b6c78d90e', challenge: '12345678abc90123d45678ef90123a456b', api_server: 'api-na.geetest.com', pageurl: PAGE }, required: { gt: BAD, challenge: BAD, ...PAGEURL } },
	{ name: 'Geetest v4', key: 'geetest_v4', params: { method: 'geetest_v4', captcha_id: 'e392e1d7fd421dc63325744d5a2b9c73', pageurl: PAGE }, required: { captcha_id: BAD, ...PAGEURL } },
	{ name: 'Geetest v4 as version=4', key: 'geetest_v4', params: { method: 'geetest', version: 4, captcha_id: 'e392e1d7fd421dc63325744d5a2b9c73', pageurl: PAGE }, required: { captcha_id: BAD, ...PAGEURL } },
	{ name: 'Capy', key: 'capy', params: { method: 'capy', captchakey: 'PUZZLE_Abc1dEFghIJKLM2no34P56q7rStu8v', api_server: 'https://jp.api.capy.me/', pageurl: PAGE }, required: { captchakey: BAD, ...PAGEURL } },
	{ name: 'Lemin', key: 'lemin', params: { method: 'lemin', captcha_id: 'CROPPED_3dfdd5c_d1872b526b794d83ba3b365eb15a200b', div_id: 'lemin-cropped-captcha', pageurl: PAGE }, required: { captcha_id: BAD, ...PAGEURL } },
	{ name: 'Turnstile', key: 'turnstile', params: { method: 'turnstile', sitekey: '0x4AAAAAAAC3DHQFLr1GavRN', pageurl: PAGE }, required: { sitekey: BAD, ...PAGEURL } },
	{
		name: 'Turnstile challenge page',
		key: 'turnstile',
		params: { method: 'turnstile', sitekey: '0x0AAAAAAADnPIDROzbs0Aaj', pageurl: PAGE, action: 'managed', data: '7fab0000b0e0ff00', pagedata: '3gAFo2...0ME1UVT0=', userAgent: USER_AGENT },
		required: { sitekey: BAD, ...PAGEURL, data: BAD, action: BAD },
	},
	{ name: 'Amazon WAF', key: 'amazon_waf', params: { method: 'amazon_waf', sitekey: 'AQIDAHjcYu/GjX+QlghicBgQ/7bFaQZ+m5FKCMDnO+vTbNg96AHM', iv: 'CgAHbCe2GgAAAAAj', context: '9BUgmlm48F92WUoqv97a49ZuEJJ50TCk9MVr3C7WMtQ0X6flVbufM4n8mjFLmbLVAPgaQ1Jydeaja94iAS49ljb', pageurl: PAGE }, required: { sitekey: BAD, iv: BAD, context: BAD, ...PAGEURL } },
	{ name: 'CyberSiARA', key: 'cybersiara', params: { method: 'cybersiara', master_url_id: 'tpjOCKjjpdzv3d8Ub2E9COEWKt1vl1Mv', pageurl: PAGE, userAgent: USER_AGENT }, required: { master_url_id: BAD, ...PAGEURL, userAgent: BAD } },
	{ name: 'MTCaptcha', key: 'mt_captcha', params: { method: 'mt_captcha', sitekey: 'MTPublic-KzqLY1cKH', pageurl: PAGE }, required: { sitekey: BAD, ...PAGEURL } },
	{ name: 'Cutcaptcha', key: 'cutcaptcha', params: { method: 'cutcaptcha', misery_key: 'a1488b66da00bf332a1488993a5443c79047e752', api_key: 'SAb83IIB', pageurl: PAGE }, required: { misery_key: BAD, api_key: BAD, ...PAGEURL } },
	{ name: 'Friendly Captcha', key: 'friendly_captcha', params: { method: 'friendly_captcha', sitekey: '2FZFEVS1FZCGQ9', pageurl: PAGE }, required: { sitekey: BAD, ...PAGEURL } },
	{ name: 'atbCAPTCHA', key: 'atb_captcha', params: { method: 'atb_captcha', app_id: 'af23e041b22d000a11e22a230fa8991c', api_server: 'https://cap.aisecurius.com', pageurl: PAGE }, required: { app_id: BAD, api_server: BAD, ...PAGEURL } },
	{ name: 'Tencent', key: 'tencent', params: { method: 'tencent', app_id: '190014885', pageurl: PAGE }, required: { app_id: BAD, ...PAGEURL } },
	{
		name: 'DataDome',
		key: 'datadome',
		params: { method: 'datadome', captcha_url: 'https://geo.captcha-delivery.com/captcha/?initialCid=AHrlqAAA&t=fe&s=45239', pageurl: PAGE, userAgent: USER_AGENT, ...PROXY },
		required: { captcha_url: BAD, ...PAGEURL, userAgent: BAD, proxy: BAD, proxytype: BAD },
	},
	{ name: 'Prosopo', key: 'prosopo', params: { method: 'prosopo', sitekey: '5EPQoMZEDc5LpN7gtxMMzYPTzA6UeWqL2stk1rso9gy4Ahqt', pageurl: PAGE }, required: { sitekey: BAD, ...PAGEURL } },
	{ name: 'CaptchaFox', key: 'captchafox', params: { method: 'captchafox', sitekey: 'sk_xtNxpk6fCdFbxh1_xJeGflSdCE9tn99G', pageurl: PAGE, useragent: USER_AGENT, ...PROXY }, required: { sitekey: BAD, ...PAGEURL, proxy: BAD, proxytype: BAD, useragent: BAD } },
	// From 2Captcha's client libraries (see the README: answer formats marked unconfirmed there).
	{
		name: 'Temu',
		key: 'temuimage',
		params: { method: 'temuimage', body: IMAGE, part1: PIECE, part2: PIECE, part3: PIECE },
		required: { body: NO_FILE, part1: NO_FILE, part2: NO_FILE, part3: NO_FILE },
	},
	{ name: 'VK image', key: 'vkimage', params: { method: 'vkimage', body: IMAGE, steps: '[5,12,22,24,21,23,10,7,2,8]' }, required: { body: NO_FILE, steps: BAD } },
	{
		name: 'VK captcha',
		key: 'vkcaptcha',
		params: { method: 'vkcaptcha', redirect_uri: 'https://id.vk.com/not_robot_captcha?domain=vk.com&session_token=eyJhbGciOiJBMjU2&variant=popup', userAgent: USER_AGENT, ...PROXY },
		required: { redirect_uri: BAD, userAgent: BAD, proxy: BAD, proxytype: BAD },
	},
	{ name: 'Yandex Smart Captcha', key: 'yandex', params: { method: 'yandex', sitekey: 'ysc1_0QcrEcM2vXWYTXwnNhhTxXv1Gx0Ayx3pDnj3uPtiQ55', pageurl: PAGE }, required: { sitekey: BAD, ...PAGEURL } },
	{ name: 'ALTCHA by URL', key: 'altcha', params: { method: 'altcha', pageurl: PAGE, challenge_url: 'https://example.com/altcha/challenge' }, required: { ...PAGEURL, challenge_url: BAD } },
	{
		name: 'ALTCHA by JSON',
		key: 'altcha',
		params: { method: 'altcha', pageurl: PAGE, challenge_json: '{"algorithm":"SHA-256","challenge":"4d2a","maxnumber":100000,"salt":"a1b2","signature":"9f8e"}' },
		required: { ...PAGEURL, challenge_json: BAD },
	},
	{ name: 'Binance', key: 'binance', params: { method: 'binance', sitekey: 'login', validate_id: 'cbfd3d9e1f2a4b0d8e7c6a5b4c3d2e1f', pageurl: PAGE }, required: { sitekey: BAD, validate_id: BAD, ...PAGEURL } },
	{ name: 'NetEase Yidun', key: 'yidun', params: { method: 'yidun', sitekey: '0c0fd8e5a0c24f5b9e7d3c2b1a0f9e8d', pageurl: PAGE }, required: { sitekey: BAD, ...PAGEURL } },
	{
		name: 'NetEase Yidun Enterprise',
		key: 'yidun',
		params: { method: 'yidun', sitekey: '0c0fd8e5a0c24f5b9e7d3c2b1a0f9e8d', pageurl: PAGE, yidun_get_lib: 'https://cstaticdun.126.net/load.min.js', yidun_api_server_subdomain: 'c.dun.163.com', challenge: 'a7d3c1', hcg: 'f00d', hct: '1719999999999' },
		required: { sitekey: BAD, ...PAGEURL },
	},
	{ name: 'Alibaba Cloud Captcha', key: 'alibaba', params: { method: 'alibaba', scene_id: '1ww4ck8h', prefix: 'abc123', pageurl: PAGE }, required: { scene_id: BAD, prefix: BAD, ...PAGEURL } },
	{
		name: 'TSPD',
		key: 'tspd',
		params: { method: 'tspd', pageurl: PAGE, tspd_cookie: 'TS01a2b3c4=01f2e3d4c5; TSPD_101=08a1b2c3d4', html_page_base64: Buffer.from('<html><body>challenge</body></html>').toString('base64'), ...PROXY },
		required: { ...PAGEURL, tspd_cookie: BAD, html_page_base64: BAD, proxy: BAD, proxytype: BAD },
	},
	{ name: 'Basilisk', key: 'basilisk', params: { method: 'basilisk', sitekey: 'b7890hre5cf2a6f3b2c1d0e9f8a7b6c5', pageurl: PAGE }, required: { sitekey: BAD, ...PAGEURL } },
	{ name: 'Hunt', key: 'hunt', params: { method: 'hunt', pageurl: PAGE, api_get_lib: 'https://example.com/hd-api/external/apps/a1b2c3/api.js' }, required: { ...PAGEURL, api_get_lib: BAD } },
	{ name: 'Drag and Drop', key: 'drag_drop', params: { method: 'drag_drop', body: IMAGE, images: JSON.stringify([PIECE, PIECE]) }, required: { body: NO_FILE, images: BAD } },
];

module.exports = { METHOD_CASES, PAGE, SITEKEY, USER_AGENT, PROXY, IMAGE, PIECE };
