'use strict';
/** Answers come back in each method's shape from the spec, deterministic for a seed. */
const { startSandbox } = require('./index');
const { call, submit, waitForResult } = require('./client');
const { METHOD_CASES, PAGE, SITEKEY, USER_AGENT } = require('./method-cases');
const { png } = require('./fixtures');

const hex = (length) => new RegExp(`^[0-9a-f]{${length}}$`);
const json = (fields) => (request) => expect(Object.keys(request).sort()).toEqual(fields.sort());

/** Expected shape of `request` in the JSON answer, per sandbox method key. */
const SHAPES = {
	normal: (request) => expect(request).toMatch(/^[A-Za-z0-9]{4,7}$/),
	grid: (request) => {
		expect(request).toMatch(/^click:\d+(\/\d+)*$/);
		for (const cell of request.slice('click:'.length).split('/').map(Number)) {
			expect(cell).toBeGreaterThanOrEqual(1);
			expect(cell).toBeLessThanOrEqual(9);
		}
	},
	canvas: (request) => expect(request).toMatch(/^canvas:(\d+,\d+(,\d+,\d+)*;)+$/),
	coordinates: (request) => expect(request).toMatch(/^coordinate:x=\d+,y=\d+(;x=\d+,y=\d+)*$/),
	textcaptcha: (request) => expect(request).toMatch(/^\S+$/),
	rotatecaptcha: (request) => expect(Math.abs(Number(request) % 40)).toBe(0),
	bounding_box: (request) => {
		const boxes = JSON.parse(request);
		expect(boxes.length).toBeGreaterThan(0);
		for (const box of boxes) {
			expect(box.xMin).toBeLessThan(box.xMax);
			expect(box.yMin).toBeLessThan(box.yMax);
		}
	},
	audio: (request) => expect(request).toMatch(/^[a-z]+( [a-z]+)+$/),
	userrecaptcha: (request) => expect(request).toMatch(/^03A[\w-]{400,}$/),
	userrecaptcha_v3: (request) => expect(request).toMatch(/^03A[\w-]{400,}$/),
	funcaptcha: (request) => {
		expect(request.split('|').length).toBeGreaterThan(5);
		expect(request).toContain('|pk=12AB34CD-56F7-AB8C-9D01-2EF3456789A0|');
	},
	keycaptcha: (request) => {
		const parts = request.split('|');
		expect(parts).toHaveLength(5);
		expect(parts[0]).toMatch(hex(32));
		expect(parts.slice(1)).toEqual(['9006dc725760858e4c0715b835472f22-pz-', expect.stringMatching(/^http:\/\//), '493e52c37c10c2bcdf4a00cbc9ccd1e8', '1']);
	},
	geetest: (request) => {
		expect(request.challenge).toBe('12345678abc90123d45678ef90123a456b');
		expect(request.validate).toMatch(hex(32));
		expect(request.seccode).toBe(`${request.validate}|jordan`);
	},
	geetest_v4: json(['captcha_id', 'lot_number', 'pass_token', 'gen_time', 'captcha_output']),
	capy: json(['captchakey', 'challengekey', 'answer']),
	lemin: json(['answer', 'challenge_id']),
	turnstile: (request) => expect(request).toMatch(/^0\.[\w-]{300,}$/),
	amazon_waf: json(['captcha_voucher', 'existing_token']),
	cybersiara: (request) => expect(request).toMatch(/^eyJ[\w-]+\.eyJ[\w-]+\.[\w-]+$/),
	mt_captcha: (request) => expect(request).toMatch(/^v1\(.+\)$/),
	cutcaptcha: (request) => expect(request).toMatch(/^[A-Za-z0-9]{32}$/),
	friendly_captcha: (request) => expect(request).toMatch(/^[0-9a-f]{32}\.[A-Za-z0-9+/]+\.AgAD$/),
	atb_captcha: (request) => expect(request).toMatch(/^[a-z0-9]{17}:$/),
	tencent: (request) => expect(request).toEqual({ appid: '190014885', ret: 0, ticket: expect.stringMatching(/^tr0/), randstr: expect.stringMatching(/^@\w{3}$/) }),
	datadome: (request) => expect(request).toMatch(/^datadome=[^;\s]+; Max-Age=31536000; Domain=\.example\.com; Path=\/; Secure; SameSite=Lax$/),
	prosopo: (request) => expect(request).toMatch(/^0x[0-9a-f]{500,}$/),
	captchafox: (request) => expect(request).toMatch(hex(64)),
	// From 2Captcha's client libraries. UNCONFIRMED v1 formats (the most likely form): Temu, VK image, TSPD, the tokens.
	temuimage: (request) => {
		expect(request).toHaveLength(3);
		for (const point of request) expect(point).toEqual({ x: expect.any(Number), y: expect.any(Number) });
	},
	vkimage: (request) => {
		expect(request).toEqual({ best_step: expect.any(Number), solution: expect.any(String) });
		expect(request.best_step).toBeGreaterThanOrEqual(0);
		expect(request.best_step).toBeLessThan(10);
	},
	vkcaptcha: (request) => expect(request).toMatch(/^[\w-]{200,}$/),
	yandex: (request) => expect(request).toMatch(/^dD0x[A-Za-z0-9+/]{400,}$/),
	altcha: (request) => expect(request).toMatch(/^eyJ[A-Za-z0-9+/]+$/),
	binance: (request) => expect(request).toMatch(/^captcha#[0-9a-f]{32}-[\w-]+$/),
	yidun: (request) => expect(request).toMatch(/^CN31_[\w-]+$/),
	alibaba: (request) => expect(request).toMatch(/^[A-Za-z0-9+/]{400,}$/),
	tspd: (request) => expect(Object.keys(JSON.parse(request))).toEqual(['TS01a2b3c4', 'TSPD_101']),
	basilisk: (request) => expect(request).toMatch(hex(64)),
	hunt: (request) => expect(request).toMatch(/^xhd\.[\w-]+$/),
	// Documented: `x,y` per draggable image in order, `null` for one that stays.
	drag_drop: (request) => expect(request).toMatch(/^(\d+,\d+|null)\|(\d+,\d+|null)$/),
};

let sandbox;
beforeAll(async () => {
	sandbox = await startSandbox({ timeScale: 0.001, seed: 42 });
});
afterAll(() => sandbox.close());

test('every method has an expected shape', () => {
	expect(Object.keys(SHAPES).sort()).toEqual([...new Set(METHOD_CASES.map((c) => c.key))].sort());
});

test.each(METHOD_CASES)('$name answers in its shape', async ({ key, params, files }) => {
	const id = await submit(sandbox, params, { files });
	const body = await waitForResult(sandbox, id);
	expect(body.status).toBe(1);
	SHAPES[key](body.request);
});

describe('extras and options', () => {
	const solve = async (params, options) => waitForResult(sandbox, await submit(sandbox, params, options));

	test('Turnstile returns the user agent sent, or a browser one', async () => {
		const sent = await solve({ method: 'turnstile', sitekey: '0x4AAAAAAAC3DHQFLr1GavRN', pageurl: PAGE, userAgent: USER_AGENT });
		const defaulted = await solve({ method: 'turnstile', sitekey: '0x4AAAAAAAC3DHQFLr1GavRN', pageurl: PAGE });
		expect(sent.useragent).toBe(USER_AGENT);
		expect(defaulted.useragent).toMatch(/^Mozilla\/5\.0 .+Chrome/);
	});

	test('reCAPTCHA returns cookies only when cookies were sent', async () => {
		const recaptcha = { method: 'userrecaptcha', googlekey: SITEKEY, pageurl: PAGE };
		const withCookies = await solve({ ...recaptcha, cookies: 'KEY1:Value1;KEY2:Value2' });
		const without = await solve(recaptcha);
		expect(withCookies.cookies).toMatch(/^KEY1:Value1;KEY2:Value2;_GRECAPTCHA:09A[\w-]+$/);
		expect(without).not.toHaveProperty('cookies');
	});

	test('a normal captcha honours numeric, length and phrase', async () => {
		const image = png().toString('base64');
		expect((await solve({ method: 'base64', body: image, numeric: 1, min_len: 5, max_len: 5 })).request).toMatch(/^\d{5}$/);
		expect((await solve({ method: 'base64', body: image, numeric: 2 })).request).toMatch(/^[a-z]+$/);
		expect((await solve({ method: 'base64', body: image, phrase: 1 })).request).toMatch(/^\w+ \w+$/);
		expect((await solve({ method: 'base64', body: image, calc: 1 })).request).toMatch(/^\d+$/);
	});

	test('grid cells follow the image size or recaptcharows/recaptchacols', async () => {
		const grid = (body, extra = {}) => solve({ method: 'base64', recaptcha: 1, body, textinstructions: 'cars', ...extra });
		const cells = (answer) => answer.request.slice('click:'.length).split('/').map(Number);
		for (let i = 0; i < 5; i++) {
			expect(Math.max(...cells(await grid(png(400, 400).toString('base64'), { min_clicks: 4 })))).toBeLessThanOrEqual(16);
			expect(Math.max(...cells(await grid(png().toString('base64'), { recaptcharows: 2, recaptchacols: 2 })))).toBeLessThanOrEqual(4);
		}
	});

	test('coordinates stay inside the image', async () => {
		const answer = await solve({ method: 'base64', coordinatescaptcha: 1, body: png(120, 60).toString('base64'), min_clicks: 3 });
		const points = [...answer.request.matchAll(/x=(\d+),y=(\d+)/g)].map(([, x, y]) => [Number(x), Number(y)]);
		expect(points.length).toBeGreaterThanOrEqual(3);
		for (const [x, y] of points) expect(x < 120 && y < 60).toBe(true);
	});

	test('DataDome with t=bv in captcha_url is unsolvable, as the spec warns', async () => {
		const { params } = METHOD_CASES.find((c) => c.key === 'datadome');
		const answer = await solve({ ...params, captcha_url: 'https://geo.captcha-delivery.com/captcha/?initialCid=AHrl&t=bv' });
		expect(answer).toEqual({ status: 0, request: 'ERROR_CAPTCHA_UNSOLVABLE', error_text: expect.any(String) });
	});

	test('plain text answers are OK|answer, object answers as JSON text', async () => {
		const geetest = METHOD_CASES.find((c) => c.key === 'geetest').params;
		const id = await submit(sandbox, geetest);
		const { request } = await waitForResult(sandbox, id);
		const { body } = await call(sandbox, 'res.php', { action: 'get', id }, { json: false });
		expect(body).toBe(`OK|${JSON.stringify(request)}`);
	});
});

test('a seed makes ids, answers and solve times reproducible', async () => {
	const run = async (seed) => {
		const other = await startSandbox({ timeScale: 0.001, seed });
		const ids = [];
		for (const { params, files } of METHOD_CASES.slice(0, 12)) ids.push(await submit(other, params, { files }));
		const tasks = ids.map((id) => other.captchas.get(id));
		await other.close();
		return tasks.map(({ id, answer, readyAt, submittedAt }) => ({ id, answer, solveMs: readyAt - submittedAt }));
	};
	const [first, again, otherSeed] = [await run(5), await run(5), await run(6)];
	expect(again.map(({ id, answer }) => ({ id, answer }))).toEqual(first.map(({ id, answer }) => ({ id, answer })));
	expect(again.map((task) => task.solveMs)).toEqual(first.map((task) => task.solveMs));
	expect(otherSeed.map((task) => task.answer)).not.toEqual(first.map((task) => task.answer));
});
