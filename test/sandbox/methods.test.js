'use strict';
/** Every method is accepted with valid parameters and refused with the spec's code when a required one is missing. */
const { startSandbox } = require('./index');
const { call } = require('./client');
const { METHOD_CASES, PAGE, SITEKEY, PROXY, IMAGE } = require('./method-cases');
const { png, gif, jpeg, mp3 } = require('./fixtures');

let sandbox;
beforeAll(async () => {
	sandbox = await startSandbox({ timeScale: 0.001 });
});
afterAll(() => sandbox.close());

const submit = (params, options) => call(sandbox, 'in.php', params, options).then(({ body }) => body);
const refusal = (code) => ({ status: 0, request: code, error_text: expect.any(String) });

describe.each(METHOD_CASES)('$name', ({ key, params, files = [], required }) => {
	test('is accepted and gets a numeric id', async () => {
		const body = await submit(params, { files });
		expect(body).toEqual({ status: 1, request: expect.stringMatching(/^\d+$/) });
		expect(sandbox.captchas.get(body.request).method).toBe(key);
	});

	test.each(Object.entries(required))('without %s answers %s', async (missing, code) => {
		const { [missing]: _removed, ...rest } = params;
		const body = await submit(rest, { files: files.filter((file) => file.field !== missing) });
		expect(body).toEqual(refusal(code));
	});
});

describe('parameter formats', () => {
	const recaptcha = { method: 'userrecaptcha', googlekey: SITEKEY, pageurl: PAGE };

	test.each([
		['a malformed googlekey', { ...recaptcha, googlekey: 'not a key!' }, 'ERROR_GOOGLEKEY'],
		['a blank googlekey', { ...recaptcha, googlekey: '' }, 'ERROR_GOOGLEKEY'],
		['a pageurl that is not a URL', { ...recaptcha, pageurl: 'mysite page' }, 'ERROR_PAGEURL'],
		['a proxy without a port', { ...recaptcha, proxy: 'user:pass@10.0.0.1' }, 'ERROR_PROXY_FORMAT'],
		['an unknown proxy type', { ...recaptcha, ...PROXY, proxytype: 'FTP' }, 'ERROR_PROXY_FORMAT'],
		['cookies not in KEY:Value form', { ...recaptcha, cookies: 'justtext;' }, 'ERROR_BAD_PARAMETERS'],
		['json_cookies that are not JSON', { ...recaptcha, json_cookies: '[{' }, 'ERROR_BAD_PARAMETERS'],
		['a v3 min_score out of range', { ...recaptcha, version: 'v3', min_score: 2 }, 'ERROR_BAD_PARAMETERS'],
		['an unknown method', { method: 'nosuchcaptcha', pageurl: PAGE }, 'ERROR_BAD_PARAMETERS'],
		['no method at all', { pageurl: PAGE }, 'ERROR_BAD_PARAMETERS'],
		['TikTok, disabled by the service', { method: 'tiktok', pageurl: PAGE }, 'ERROR_BAD_PARAMETERS'],
		['textinstructions over 140 characters', { method: 'base64', body: IMAGE, textinstructions: 'x'.repeat(141) }, 'ERROR_BAD_PARAMETERS'],
		['a numeric flag out of range', { method: 'base64', body: IMAGE, numeric: 9 }, 'ERROR_BAD_PARAMETERS'],
		['grid min_clicks above the cell count', { method: 'base64', recaptcha: 1, body: IMAGE, textinstructions: 'cars', recaptcharows: 2, recaptchacols: 2, min_clicks: 5 }, 'ERROR_BAD_PARAMETERS'],
		['an audio language the service does not support', { method: 'audio', body: mp3().toString('base64'), lang: 'xx' }, 'ERROR_BAD_PARAMETERS'],
		['a Turnstile challenge page without data', { method: 'turnstile', sitekey: '0x4AAAAAAAC3DHQFLr1GavRN', pageurl: PAGE, pagedata: 'abc', action: 'managed' }, 'ERROR_BAD_PARAMETERS'],
		['hCaptcha, no longer solved', { method: 'hcaptcha', sitekey: '10000000-ffff-ffff-ffff-000000000001', pageurl: PAGE }, 'ERROR_BAD_PARAMETERS'],
		['ALTCHA with both the challenge URL and its JSON', { method: 'altcha', pageurl: PAGE, challenge_url: 'https://example.com/c', challenge_json: '{"salt":"a"}' }, 'ERROR_BAD_PARAMETERS'],
		['ALTCHA challenge JSON that is not an object', { method: 'altcha', pageurl: PAGE, challenge_json: '[1]' }, 'ERROR_BAD_PARAMETERS'],
		['VK image steps that are not a list of whole numbers', { method: 'vkimage', body: IMAGE, steps: '[1,"a"]' }, 'ERROR_BAD_PARAMETERS'],
		['VK captcha without a proxy', { method: 'vkcaptcha', redirect_uri: 'https://id.vk.com/not_robot_captcha', userAgent: 'UA' }, 'ERROR_BAD_PARAMETERS'],
		['a Yidun script URL over http', { method: 'yidun', sitekey: 'abc', pageurl: PAGE, yidun_get_lib: 'http://cstaticdun.126.net/load.min.js' }, 'ERROR_BAD_PARAMETERS'],
		['a Yidun API server with a scheme', { method: 'yidun', sitekey: 'abc', pageurl: PAGE, yidun_api_server_subdomain: 'https://c.dun.163.com' }, 'ERROR_BAD_PARAMETERS'],
		['a Yidun hct that is not a number', { method: 'yidun', sitekey: 'abc', pageurl: PAGE, hct: '17e3' }, 'ERROR_BAD_PARAMETERS'],
		['TSPD cookies not in name=value form', { method: 'tspd', pageurl: PAGE, tspd_cookie: 'TS01', html_page_base64: 'PGh0bWw+', ...PROXY }, 'ERROR_BAD_PARAMETERS'],
		['TSPD page HTML that is not base64', { method: 'tspd', pageurl: PAGE, tspd_cookie: 'TS01=a', html_page_base64: '<html>', ...PROXY }, 'ERROR_BAD_PARAMETERS'],
		['a Hunt api.js address that is not a URL', { method: 'hunt', pageurl: PAGE, api_get_lib: 'api.js' }, 'ERROR_BAD_PARAMETERS'],
		['drag and drop images that are not a JSON list', { method: 'drag_drop', body: IMAGE, images: IMAGE }, 'ERROR_BAD_PARAMETERS'],
		['a drag and drop image that is not an image', { method: 'drag_drop', body: IMAGE, images: JSON.stringify([Buffer.alloc(200, 'a').toString('base64')]) }, 'ERROR_IMAGE_TYPE_NOT_SUPPORTED'],
		['a Temu piece that is not an image', { method: 'temuimage', body: IMAGE, part1: IMAGE, part2: IMAGE, part3: Buffer.alloc(200, 'a').toString('base64') }, 'ERROR_IMAGE_TYPE_NOT_SUPPORTED'],
	])('refuses %s', async (_label, params, code) => {
		expect(await submit(params)).toEqual(refusal(code));
	});

	test('takes the library methods the way their libraries send them: JSON bodies (arrays too) and GET queries', async () => {
		const dragDrop = { method: 'drag_drop', body: IMAGE, images: [IMAGE, IMAGE] };
		const viaJson = await submit(dragDrop, { as: 'json' });
		expect(sandbox.captchas.get(viaJson.request).answer.split('|')).toHaveLength(2);
		const yandex = { method: 'yandex', sitekey: 'ysc1_abc', pageurl: PAGE, userAgent: 'UA' };
		expect((await submit(yandex, { as: 'query' })).status).toBe(1);
		expect((await submit({ method: 'yidun', sitekey: 'abc', pageurl: PAGE, hct: 1719999999999 }, { as: 'json' })).status).toBe(1);
	});

	test('accepts cookies and json_cookies in the documented formats', async () => {
		const jsonCookies = JSON.stringify([{ name: 'a', value: 'b', domain: 'example.com', secure: true }]);
		expect((await submit({ ...recaptcha, cookies: 'KEY1:Value1;KEY2:Value2;' })).status).toBe(1);
		expect((await submit({ ...recaptcha, json_cookies: jsonCookies })).status).toBe(1);
		expect((await submit({ ...recaptcha, proxy: '10.0.0.1:8080', proxytype: 'socks5' })).status).toBe(1);
	});
});

describe('uploads', () => {
	const normal = (data, filename = 'captcha.png') => submit({ method: 'post' }, { files: [{ field: 'file', data, filename }] });
	const base64 = (body) => submit({ method: 'base64', body });

	test('accepts jpg, png and gif recognised by their bytes', async () => {
		for (const image of [jpeg(), png(), gif()]) expect((await base64(image.toString('base64'))).status).toBe(1);
		expect((await normal(jpeg(), 'captcha.JPEG')).status).toBe(1);
		expect((await base64(`data:image/png;base64,${IMAGE}`)).status).toBe(1);
	});

	test.each([
		['under 100 bytes', () => normal(png(10, 10, 99)), 'ERROR_ZERO_CAPTCHA_FILESIZE'],
		['over 600 kB', () => normal(png(300, 300, 600 * 1024 + 1)), 'ERROR_TOO_BIG_CAPTCHA_FILESIZE'],
		['wider than 1000 px', () => normal(png(1001, 100)), 'ERROR_TOO_BIG_CAPTCHA_FILESIZE'],
		['with a .bmp name', () => normal(png(), 'captcha.bmp'), 'ERROR_WRONG_FILE_EXTENSION'],
		['that is not an image', () => normal(Buffer.alloc(500, 'a'), 'captcha.png'), 'ERROR_IMAGE_TYPE_NOT_SUPPORTED'],
		['as invalid base64', () => base64('###not base64###'), 'ERROR_UPLOAD'],
		['with a grid instruction image over 100 kB', () => submit({ method: 'base64', recaptcha: 1, body: IMAGE, imginstructions: png(400, 150, 100 * 1024 + 1).toString('base64') }), 'ERROR_TOO_BIG_CAPTCHA_FILESIZE'],
		['as audio over 1 MB', () => submit({ method: 'audio', lang: 'en', body: mp3(1024 * 1024 + 1).toString('base64') }), 'ERROR_TOO_BIG_CAPTCHA_FILESIZE'],
		['as audio that is not mp3', () => submit({ method: 'audio', lang: 'en', body: png().toString('base64') }), 'ERROR_IMAGE_TYPE_NOT_SUPPORTED'],
	])('refuses an image %s', async (_label, send, code) => {
		expect(await send()).toEqual(refusal(code));
	});

	test('accepts a grid instruction as an image instead of text, multipart or base64', async () => {
		const instruction = png(400, 150, 2048);
		const asFile = await submit({ method: 'post', recaptcha: 1 }, { files: [{ field: 'file', data: png() }, { field: 'imginstructions', data: instruction }] });
		const asBase64 = await submit({ method: 'base64', recaptcha: 1, body: IMAGE, imginstructions: instruction.toString('base64') });
		expect([asFile.status, asBase64.status]).toEqual([1, 1]);
	});

	test('rotatecaptcha takes several files and answers one angle each', async () => {
		const files = ['file_1', 'file_2', 'file_3'].map((field) => ({ field, data: png(150, 150) }));
		const body = await submit({ method: 'rotatecaptcha', angle: 30 }, { files });
		const captcha = sandbox.captchas.get(body.request);
		expect(captcha.answer.split('|')).toHaveLength(3);
		for (const angle of captcha.answer.split('|').map(Number)) {
			expect(Math.abs(angle % 30)).toBe(0);
			expect(angle).not.toBe(0);
		}
	});
});
