import { getMethod } from '../../nodes/TwoCaptcha/catalogue';
import { isSet } from '../../nodes/TwoCaptcha/catalogue/validators';

/** Runs an entry's cross-field rules on in.php parameters keyed by spec name. */
const validate = (value: string, params: Record<string, unknown>) => getMethod(value)!.validate?.(params);

const IMAGE = 'iVBORw0KGgo...';

describe('isSet', () => {
	it('treats absent, empty, blank and false as unset', () => {
		for (const value of [undefined, null, '', '   ', false]) expect(isSet(value)).toBe(false);
		for (const value of ['x', 0, 1, true]) expect(isSet(value)).toBe(true);
	});
});

describe('instructions for Grid, Canvas and Bounding Box', () => {
	it.each(['grid', 'canvas', 'boundingBox'])('%s needs text or image instructions', (value) => {
		expect(validate(value, { body: IMAGE })).toMatch(/Text Instructions or an Instructions Image/);
		expect(validate(value, { body: IMAGE, textinstructions: '  ' })).toMatch(/Text Instructions/);
		expect(validate(value, { body: IMAGE, textinstructions: 'Select cars' })).toBeUndefined();
		expect(validate(value, { body: IMAGE, imginstructions: IMAGE })).toBeUndefined();
	});

	it('does not demand instructions for Coordinates: the image may show them', () => {
		expect(validate('coordinates', { body: IMAGE })).toBeUndefined();
	});
});

describe('Grid click limits', () => {
	const base = { body: IMAGE, textinstructions: 'Select trees' };

	it('accepts limits within rows × columns', () => {
		expect(
			validate('grid', { ...base, recaptcharows: 3, recaptchacols: 3, min_clicks: 1, max_clicks: 9 }),
		).toBeUndefined();
	});

	it('rejects a limit above rows × columns, numbers given as strings too', () => {
		expect(validate('grid', { ...base, recaptcharows: '3', recaptchacols: '3', max_clicks: '10' })).toBe(
			'Max Clicks (10) cannot exceed Rows × Columns (3 × 3 = 9)',
		);
		expect(validate('grid', { ...base, recaptcharows: 2, recaptchacols: 2, min_clicks: 5 })).toMatch(/^Min Clicks \(5\)/);
	});

	it('cannot check the cell count when the grid size is left to the service', () => {
		expect(validate('grid', { ...base, recaptcharows: 3, max_clicks: 30 })).toBeUndefined();
	});

	it('rejects min above max', () => {
		expect(validate('grid', { ...base, min_clicks: 4, max_clicks: 2 })).toBe(
			'Min Clicks cannot be greater than Max Clicks',
		);
		expect(validate('coordinates', { body: IMAGE, min_clicks: 4, max_clicks: 2 })).toBe(
			'Min Clicks cannot be greater than Max Clicks',
		);
	});

	it('needs the English text instruction for computer-vision image types', () => {
		expect(validate('grid', { body: IMAGE, imginstructions: IMAGE, img_type: 'recaptcha' })).toMatch(
			/Image Type needs .* Text Instructions/,
		);
		expect(validate('grid', { ...base, img_type: 'recaptcha' })).toBeUndefined();
	});
});

describe('Normal captcha lengths', () => {
	it('rejects a minimum above the maximum', () => {
		expect(validate('normal', { body: IMAGE, min_len: 6, max_len: 4 })).toBe(
			'Min Length cannot be greater than Max Length',
		);
	});

	it('treats 0 as "not specified"', () => {
		expect(validate('normal', { body: IMAGE, min_len: 6, max_len: 0 })).toBeUndefined();
		expect(validate('normal', { body: IMAGE, min_len: 4, max_len: 6 })).toBeUndefined();
	});
});

describe('DataDome captcha URL', () => {
	const params = (captchaUrl: string) => ({
		captcha_url: captchaUrl,
		pageurl: 'https://example.com/',
		userAgent: 'Mozilla/5.0',
		proxy: '1.2.3.4:5678',
		proxytype: 'HTTP',
	});
	const url = (t: string) => `https://geo.captcha-delivery.com/captcha/?initialCid=AHrlqAAA&t=${t}&s=45239`;

	it('accepts t=fe and a URL without t', () => {
		expect(validate('dataDome', params(url('fe')))).toBeUndefined();
		expect(validate('dataDome', params('https://geo.captcha-delivery.com/captcha/?initialCid=x'))).toBeUndefined();
	});

	it('rejects t=bv: the IP is banned', () => {
		expect(validate('dataDome', params(url('bv')))).toMatch(/banned this IP, change the proxy/);
	});

	it('rejects any other t', () => {
		expect(validate('dataDome', params(url('xx')))).toMatch(/t=xx/);
	});

	it('leaves malformed URLs to the url field check', () => {
		expect(validate('dataDome', params('not a url'))).toBeUndefined();
	});
});

describe('entries without cross-field rules', () => {
	it('have no validate', () => {
		for (const value of ['recaptchaV2', 'recaptchaV3', 'geetest', 'audio', 'text', 'rotate']) expect(getMethod(value)!.validate).toBeUndefined();
	});
});
