import { captchaMethods, getMethod } from '../../nodes/TwoCaptcha/catalogue';
import { LANGUAGE_CHOICES } from '../../nodes/TwoCaptcha/catalogue/languages';
import { USER_AGENT_PARAM } from '../../nodes/TwoCaptcha/catalogue/sharedFields';
import type { CaptchaMethod, FieldSpec } from '../../nodes/TwoCaptcha/catalogue/types';

/**
 * The in.php parameters of each method, transcribed from the spec's tables (key, json, header_acao,
 * soft_id and pingback left out: the transport and the node add them). `required` must be exactly
 * the entry's top-level fields (plus the required uploads), `optional` its options and optional uploads.
 */
const SPEC: Record<string, { required: string[]; optional: string[] }> = {
	normal: {
		required: ['body'],
		optional: ['phrase', 'regsense', 'numeric', 'calc', 'min_len', 'max_len', 'language', 'lang', 'textinstructions', 'imginstructions'],
	},
	text: { required: ['textcaptcha'], optional: ['language', 'lang'] },
	recaptchaV2: {
		required: ['googlekey', 'pageurl'],
		optional: ['enterprise', 'domain', 'invisible', 'data-s', 'cookies', 'json_cookies', 'userAgent', 'proxy', 'proxytype'],
	},
	recaptchaV3: { required: ['googlekey', 'pageurl'], optional: ['enterprise', 'domain', 'action', 'min_score'] },
	grid: {
		required: ['body'],
		optional: [
			'textinstructions',
			'imginstructions',
			'img_type',
			'recaptcharows',
			'recaptchacols',
			'min_clicks',
			'max_clicks',
			'previousID',
			'can_no_answer',
			'language',
			'lang',
		],
	},
	canvas: {
		required: ['body'],
		optional: ['textinstructions', 'imginstructions', 'previousID', 'can_no_answer', 'language', 'lang'],
	},
	coordinates: {
		required: ['body'],
		optional: ['textinstructions', 'imginstructions', 'min_clicks', 'max_clicks', 'language', 'lang'],
	},
	rotate: { required: ['body'], optional: ['angle', 'lang', 'imginstructions', 'textinstructions'] },
	boundingBox: { required: ['image'], optional: ['textinstructions', 'imginstructions', 'lang', 'can_no_answer'] },
	audio: { required: ['body', 'lang'], optional: [] },
	funCaptcha: { required: ['publickey', 'pageurl'], optional: ['surl', 'data', 'userAgent', 'proxy', 'proxytype'] },
	keyCaptcha: {
		required: ['s_s_c_user_id', 's_s_c_session_id', 's_s_c_web_server_sign', 's_s_c_web_server_sign2', 'pageurl'],
		optional: ['proxy', 'proxytype'],
	},
	geetest: {
		required: ['gt', 'challenge', 'pageurl'],
		optional: ['api_server', 'offline', 'new_captcha', 'proxy', 'proxytype', 'userAgent'],
	},
	geetestV4: { required: ['captcha_id', 'pageurl'], optional: ['proxy', 'proxytype'] },
	capy: { required: ['captchakey', 'pageurl'], optional: ['api_server', 'version', 'proxy', 'proxytype'] },
	lemin: { required: ['captcha_id', 'pageurl'], optional: ['div_id', 'api_server', 'proxy', 'proxytype'] },
	turnstile: { required: ['sitekey', 'pageurl'], optional: ['action', 'data', 'proxy', 'proxytype'] },
	// "required to bypass Turnstile on Cloudflare Challenge pages"; userAgent comes from the spec's extraction script.
	cloudflareChallenge: {
		required: ['sitekey', 'pageurl', 'action', 'data', 'pagedata'],
		optional: ['proxy', 'proxytype', 'userAgent'],
	},
	amazonWaf: {
		required: ['sitekey', 'iv', 'context', 'pageurl'],
		optional: ['challenge_script', 'captcha_script', 'proxy', 'proxytype'],
	},
	cyberSiara: { required: ['master_url_id', 'pageurl', 'userAgent'], optional: ['proxy', 'proxytype'] },
	mtCaptcha: { required: ['sitekey', 'pageurl'], optional: ['proxy', 'proxytype'] },
	cutcaptcha: { required: ['misery_key', 'api_key', 'pageurl'], optional: ['proxy', 'proxytype'] },
	friendlyCaptcha: { required: ['sitekey', 'pageurl'], optional: ['proxy', 'proxytype'] },
	atbCaptcha: { required: ['app_id', 'api_server', 'pageurl'], optional: ['proxy', 'proxytype'] },
	tencent: { required: ['app_id', 'pageurl'], optional: ['captcha_script', 'proxy', 'proxytype'] },
	dataDome: { required: ['captcha_url', 'pageurl', 'userAgent', 'proxy', 'proxytype'], optional: [] },
	prosopo: { required: ['sitekey', 'pageurl'], optional: ['proxy', 'proxytype'] },
	captchaFox: { required: ['sitekey', 'pageurl', 'proxy', 'proxytype', 'useragent'], optional: [] },
	// From 2Captcha's client libraries (the more-methods reference); User-Agent spelled as USER_AGENT_PARAM decides.
	temu: { required: ['body', 'part1', 'part2', 'part3'], optional: [] },
	vkImage: { required: ['body', 'steps'], optional: [] },
	vkCaptcha: { required: ['redirect_uri', 'userAgent', 'proxy', 'proxytype'], optional: [] },
	yandex: { required: ['sitekey', 'pageurl'], optional: ['userAgent', 'proxy', 'proxytype'] },
	altcha: { required: ['pageurl'], optional: ['challenge_url', 'challenge_json', 'proxy', 'proxytype'] },
	binance: { required: ['pageurl', 'sitekey', 'validate_id'], optional: ['useragent', 'proxy', 'proxytype'] },
	yidun: {
		required: ['pageurl', 'sitekey'],
		optional: ['yidun_get_lib', 'yidun_api_server_subdomain', 'challenge', 'hcg', 'hct', 'useragent', 'proxy', 'proxytype'],
	},
	alibaba: {
		required: ['pageurl', 'scene_id', 'prefix'],
		optional: ['user_id', 'user_user_id', 'verify_type', 'region', 'user_certify_id', 'api_get_lib', 'useragent', 'proxy', 'proxytype'],
	},
	tspd: { required: ['pageurl', 'tspd_cookie', 'html_page_base64', 'proxy', 'proxytype'], optional: ['useragent'] },
	basilisk: { required: ['pageurl', 'sitekey'], optional: ['useragent', 'proxy', 'proxytype'] },
	hunt: { required: ['pageurl', 'api_get_lib'], optional: ['data', 'useragent', 'proxy', 'proxytype'] },
	dragDrop: { required: ['body', 'images'], optional: ['textinstructions', 'language', 'lang'] },
};

const TRANSPORT_PARAMS = ['key', 'json', 'header_acao', 'soft_id', 'pingback'];

const sorted = (values: string[]) => [...values].sort();
const allFields = (method: CaptchaMethod): FieldSpec[] => [...method.fields, ...method.options];
const uploadParams = (method: CaptchaMethod, required: boolean) =>
	(method.uploads ?? []).filter((upload) => upload.required === required).map((upload) => upload.base64Param);

describe('catalogue', () => {
	it('has one entry per method 2Captcha serves (40), TikTok and hCaptcha excluded', () => {
		expect(sorted(captchaMethods.map((method) => method.value))).toEqual(sorted(Object.keys(SPEC)));
		expect(captchaMethods).toHaveLength(40);
		expect(captchaMethods.some((method) => /tiktok|hcaptcha/i.test(method.value + method.name + method.fixed.method))).toBe(false);
	});

	it('is sorted by name', () => {
		const names = captchaMethods.map((method) => method.name);
		expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b, 'en')));
	});

	it('has unique values and names', () => {
		expect(new Set(captchaMethods.map((method) => method.value)).size).toBe(captchaMethods.length);
		expect(new Set(captchaMethods.map((method) => method.name)).size).toBe(captchaMethods.length);
	});

	it('finds entries by value', () => {
		expect(getMethod('recaptchaV2')?.name).toBe('reCAPTCHA V2');
		expect(getMethod('tiktok')).toBeUndefined();
	});
});

describe.each(captchaMethods.map((method) => [method.value, method] as const))('entry %s', (value, method) => {
	it('asks for exactly the spec parameters, required ones as fields', () => {
		const spec = SPEC[value];
		expect(sorted([...method.fields.map((field) => field.param), ...uploadParams(method, true)])).toEqual(
			sorted(spec.required),
		);
		expect(sorted([...method.options.map((field) => field.param), ...uploadParams(method, false)])).toEqual(
			sorted(spec.optional),
		);
	});

	it('has camelCase value, a label and a description', () => {
		expect(value).toMatch(/^[a-z][a-zA-Z0-9]*$/);
		expect(method.name.trim()).not.toBe('');
		expect(method.description.trim()).not.toBe('');
	});

	it('fixes `method` and never lets a field or upload override a fixed parameter', () => {
		expect(method.fixed.method).toMatch(/^[a-z_0-9]+$/);
		const params = [
			...allFields(method).map((field) => field.param),
			...(method.uploads ?? []).flatMap((upload) => [upload.base64Param, upload.multipartParam ?? []].flat()),
		];
		for (const param of params) expect(Object.keys(method.fixed)).not.toContain(param);
	});

	it('leaves transport parameters to the transport and the node', () => {
		const params = allFields(method).map((field) => field.param);
		for (const param of TRANSPORT_PARAMS) expect(params).not.toContain(param);
		expect(Object.keys(method.fixed)).not.toEqual(expect.arrayContaining(['key']));
	});

	it('uses each parameter and each field name once', () => {
		const fields = allFields(method);
		expect(new Set(fields.map((field) => field.param)).size).toBe(fields.length);
		expect(new Set(fields.map((field) => field.name)).size).toBe(fields.length);
		const uploadNames = (method.uploads ?? []).map((upload) => upload.namePrefix);
		expect(new Set(uploadNames).size).toBe(uploadNames.length);
	});

	it('marks top-level fields required and options not', () => {
		for (const field of method.fields) expect(field).toMatchObject({ required: true });
		for (const option of method.options) expect(option.required).toBeFalsy();
	});

	it('keeps options sorted by display name', () => {
		const names = method.options.map((option) => option.displayName);
		expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b, 'en')));
	});

	it('describes every field consistently', () => {
		for (const field of allFields(method)) {
			expect(field.name).toMatch(/^[a-z][a-zA-Z0-9]*$/);
			expect(field.param.trim()).not.toBe('');
			expect(field.displayName.trim()).not.toBe('');
			expect(field.description?.trim()).toBeTruthy();
			if (field.type === 'options') {
				expect(field.options?.length).toBeGreaterThan(0);
				const choiceNames = field.options!.map((choice) => choice.name);
				expect(choiceNames).toEqual([...choiceNames].sort((a, b) => a.localeCompare(b, 'en')));
				expect(field.options!.map((choice) => choice.value)).toContain(field.default);
			} else {
				expect(field.options).toBeUndefined();
			}
			if (field.min !== undefined && field.max !== undefined) expect(field.min).toBeLessThanOrEqual(field.max);
		}
	});

	it('has sane timings', () => {
		const { firstPollSec, pollIntervalSec, timeoutSec } = method.timings;
		expect(firstPollSec).toBeGreaterThanOrEqual(5);
		expect(pollIntervalSec).toBe(5);
		expect(timeoutSec).toBeGreaterThan(firstPollSec);
	});

	it('describes its uploads within the spec limits', () => {
		for (const upload of method.uploads ?? []) {
			expect(upload.maxBytes).toBeGreaterThan(upload.minBytes ?? 0);
			expect(upload.namePrefix).toMatch(/^[a-z][a-zA-Z0-9]*$/);
		}
		// Several required uploads (Temu's background and pieces) travel as base64 parameters only: one multipart
		// transfer mode per submission could not mix them.
		const mainUploads = (method.uploads ?? []).filter((upload) => upload.required);
		if (mainUploads.length > 1) for (const upload of mainUploads) expect(upload.multipartParam).toBeUndefined();
		expect(new Set(mainUploads.map((upload) => upload.base64Param)).size).toBe(mainUploads.length);
	});
});

describe('method specifics', () => {
	const method = (value: string) => getMethod(value)!;

	it('switches image methods to method=post for multipart uploads', () => {
		for (const value of ['normal', 'grid', 'canvas', 'coordinates']) {
			expect(method(value)).toMatchObject({ fixed: { method: 'base64' }, multipartMethod: 'post' });
		}
		expect(method('rotate').multipartMethod).toBeUndefined();
		expect(method('rotate').uploads![0]).toMatchObject({ base64Param: 'body', multipartParam: 'file' });
	});

	it('uploads bounding box images as base64 `image` only', () => {
		expect(method('boundingBox').uploads).toEqual([
			expect.objectContaining({ base64Param: 'image', multipartParam: undefined, required: true }),
			expect.objectContaining({ base64Param: 'imginstructions', multipartParam: undefined, maxBytes: 100 * 1024 }),
		]);
	});

	it('takes an mp3 of at most 1 MB for audio, in one of six languages', () => {
		const audio = method('audio');
		expect(audio.uploads).toEqual([expect.objectContaining({ kind: 'audio', maxBytes: 1024 * 1024, required: true })]);
		expect(audio.fields[0].options!.map((choice) => choice.value).sort()).toEqual(['de', 'el', 'en', 'fr', 'pt', 'ru']);
	});

	it('offers every language of the spec for lang', () => {
		expect(LANGUAGE_CHOICES).toHaveLength(55);
		expect(method('normal').options.find((option) => option.param === 'lang')!.options).toBe(LANGUAGE_CHOICES);
	});

	it('sets reCAPTCHA V3 flags and scores 0.1..0.9', () => {
		const v3 = method('recaptchaV3');
		expect(v3.fixed).toEqual({ method: 'userrecaptcha', version: 'v3' });
		expect(v3.options.find((option) => option.param === 'min_score')!.options!.map((c) => c.value)).toEqual([
			0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9,
		]);
	});

	it('sets the grid flags', () => {
		expect(method('grid').fixed).toEqual({ method: 'base64', recaptcha: '1' });
		expect(method('canvas').fixed).toEqual({ method: 'base64', recaptcha: '1', canvas: '1' });
		expect(method('coordinates').fixed).toEqual({ method: 'base64', coordinatescaptcha: '1' });
	});

	it('spells the User-Agent parameter as decided in one table: the base spec, else what the JS library sends', () => {
		const spelling = (value: string) => allFields(method(value)).find((field) => field.name === 'userAgent')!.param;
		expect(spelling('captchaFox')).toBe('useragent');
		expect(spelling('dataDome')).toBe('userAgent');
		for (const value of ['vkCaptcha', 'yandex']) expect(spelling(value)).toBe('userAgent');
		for (const value of ['binance', 'yidun', 'alibaba', 'tspd', 'basilisk', 'hunt']) expect(spelling(value)).toBe('useragent');
		for (const entry of captchaMethods) {
			const field = allFields(entry).find((f) => f.name === 'userAgent');
			if (field) expect(Object.values(USER_AGENT_PARAM)).toContain(field.param);
		}
	});

	it('keeps the answer as received for every method whose v1 answer format is unconfirmed', () => {
		for (const value of ['temu', 'vkImage', 'vkCaptcha', 'yandex', 'altcha', 'binance', 'yidun', 'alibaba', 'tspd', 'basilisk', 'hunt']) {
			expect(method(value).multiGetAnswer).toBe(false);
		}
		expect(method('yandex').parse({ request: 'tok', extra: {} })).toEqual({ solution: 'tok', extras: { rawAnswer: 'tok' } });
		expect(method('dragDrop').parse({ request: '1,2|null', extra: {} })).toEqual({ solution: [{ x: 1, y: 2 }, null] });
	});

	it('takes answers from a multi-get only when they are pipe-free strings without extras', () => {
		const takesFromMultiGet = (entry: (typeof captchaMethods)[number], params: Record<string, string> = {}) =>
			typeof entry.multiGetAnswer === 'function' ? entry.multiGetAnswer(params) : entry.multiGetAnswer;
		// reCAPTCHA V2 carries cookies only when cookies were sent.
		expect(takesFromMultiGet(method('recaptchaV2'))).toBe(true);
		expect(takesFromMultiGet(method('recaptchaV2'), { cookies: 'a:b' })).toBe(false);
		expect(takesFromMultiGet(method('recaptchaV2'), { json_cookies: '[]' })).toBe(false);
		const multiGet = captchaMethods.filter((entry) => takesFromMultiGet(entry)).map((entry) => entry.value);
		expect(sorted(multiGet)).toEqual(
			sorted([
				'atbCaptcha',
				'audio',
				'canvas',
				'captchaFox',
				'coordinates',
				'cutcaptcha',
				'cyberSiara',
				'dataDome',
				'friendlyCaptcha',
				'grid',
				'mtCaptcha',
				'normal',
				'prosopo',
				'recaptchaV2',
				'recaptchaV3',
				'text',
				'turnstile',
			]),
		);
	});

	it('uses the spec first-poll delays', () => {
		expect(method('normal').timings).toEqual({ firstPollSec: 5, pollIntervalSec: 5, timeoutSec: 180 });
		// The spec's 15-20 s, at its low end: a lone token solved in 10-15 s is then not kept waiting until 20 s.
		expect(method('recaptchaV2').timings.firstPollSec).toBe(15);
		expect(method('recaptchaV3').timings.firstPollSec).toBe(10);
		expect(method('funCaptcha').timings.firstPollSec).toBe(10);
		expect(method('geetest').timings).toEqual({ firstPollSec: 15, pollIntervalSec: 5, timeoutSec: 300 });
	});
});
