/**
 * The twelve methods known from 2Captcha's client libraries and Custom Method: their answer parsers (unconfirmed
 * formats accepted only in the plausible forms, the raw answer kept, anything else an AnswerParseError with the
 * whole answer), their cross-field rules, and how Custom Method's parameters are mapped and refused.
 */
import { configuredMethod, getMethod } from '../../nodes/TwoCaptcha/catalogue';
import {
	parseCustomAuto,
	parseCustomJson,
	parseCustomText,
	parseDragDrop,
	parseTspd,
	parseUnconfirmedPoints,
	parseUnconfirmedToken,
	parseVkImage,
} from '../../nodes/TwoCaptcha/catalogue/parsers';
import { MAX_CUSTOM_PARAMS, toInPhpParams } from '../../nodes/TwoCaptcha/catalogue/toRequest';
import { addBase64Uploads } from '../../nodes/TwoCaptcha/catalogue/uploads';
import { expectParseError, runParser } from '../helpers/parsers';

const run = runParser;

describe('unconfirmed token answers (VK Captcha, Yandex, ALTCHA, Binance, Yidun, Alibaba, Basilisk, Hunt)', () => {
	it('takes a token as text or as {token} (API v2), keeping the answer as received', () => {
		expect(run(parseUnconfirmedToken, ' abc.DEF-123_+/= \n')).toEqual({ solution: 'abc.DEF-123_+/=', extras: { rawAnswer: ' abc.DEF-123_+/= \n' } });
		expect(run(parseUnconfirmedToken, { token: 'tok' })).toEqual({ solution: 'tok', extras: { rawAnswer: { token: 'tok' } } });
		expect(run(parseUnconfirmedToken, '{"token":"tok"}').solution).toBe('tok');
		expect(run(parseUnconfirmedToken, 12345).solution).toBe('12345');
	});

	it('reports the User-Agent the answer names (Binance: top level or inside the object)', () => {
		expect(run(parseUnconfirmedToken, 'tok', { useragent: 'UA/1' }).extras).toEqual({ userAgent: 'UA/1', rawAnswer: 'tok' });
		expect(run(parseUnconfirmedToken, { token: 'tok', userAgent: 'UA/2' }).extras).toMatchObject({ userAgent: 'UA/2' });
	});

	it.each([
		['an empty answer', ''],
		['an object without a token', { ticket: 'x' }],
		['a list', ['tok']],
		['text that starts like JSON but is not', '{"token": '],
		['a control character', 'to\u0000k'],
		['null', null],
	])('refuses %s as an explicit error with the raw answer', (_label, request) => {
		expectParseError(parseUnconfirmedToken, request);
	});
});

describe('Temu: {x, y} per piece', () => {
	const points = [
		{ x: 10, y: 20 },
		{ x: 30, y: 40 },
		{ x: 50.5, y: 60 },
	];
	it.each([
		['a list of {x, y}', points],
		['numeric text coordinates', points.map(({ x, y }) => ({ x: String(x), y: String(y) }))],
		['a JSON list', JSON.stringify(points)],
		['{coordinates: [...]} (API v2)', { coordinates: points }],
		['x,y|x,y|x,y', '10,20|30,40|50.5,60'],
		['x,y;x,y;x,y', '10,20;30,40;50.5,60'],
		['coordinate:x=..,y=..;...', 'coordinate:x=10,y=20;x=30,y=40;x=50.5,y=60'],
	])('accepts %s', (_label, request) => {
		expect(run(parseUnconfirmedPoints, request)).toEqual({ solution: points, extras: { rawAnswer: request } });
	});

	it.each([
		['a token', 'abcdef'],
		['an empty list', []],
		['points without y', [{ x: 1 }]],
		['a half pair', '10,20|30'],
		['an object without coordinates', { x: 1, y: 2 }],
	])('refuses %s', (_label, request) => {
		expectParseError(parseUnconfirmedPoints, request);
	});
});

describe('VK Image and TSPD: JSON kept with its own keys', () => {
	it('takes an object as it is, or as JSON text', () => {
		const answer = { best_step: 4, solution: 'abc' };
		expect(run(parseVkImage, answer)).toEqual({ solution: answer, extras: { rawAnswer: answer } });
		expect(run(parseVkImage, JSON.stringify(answer)).solution).toEqual(answer);
		expect(run(parseTspd, '{"TS01":"v1","TSPD_101":"v2"}').solution).toEqual({ TS01: 'v1', TSPD_101: 'v2' });
		expect(run(parseTspd, '[{"name":"TS01","value":"v"}]').solution).toEqual([{ name: 'TS01', value: 'v' }]);
	});

	it('refuses anything else rather than guessing', () => {
		expectParseError(parseVkImage, '4');
		expectParseError(parseVkImage, [1, 2]);
		expectParseError(parseTspd, 'TS01=v1; TSPD_101=v2');
		expect(expectParseError(parseTspd, 'not json').message).toContain('not json');
	});
});

describe('Drag and Drop (documented format)', () => {
	it('gives one {x, y} or null per draggable image, in order', () => {
		expect(run(parseDragDrop, '12,34|null|56,78')).toEqual({ solution: [{ x: 12, y: 34 }, null, { x: 56, y: 78 }] });
		expect(run(parseDragDrop, 'NULL').solution).toEqual([null]);
	});

	it.each(['', '12,34||56,78', '12;34', 'x=1,y=2', '0,0|nil'])('refuses %j', (request) => {
		expectParseError(parseDragDrop, request);
	});
});

describe('Custom Method: Answer As', () => {
	it('Text: the answer as text; an object as its JSON; extra fields under `extra`, never over captchaId or solution', () => {
		expect(run(parseCustomText, 'a|b')).toEqual({ solution: 'a|b', extras: { rawAnswer: 'a|b' } });
		expect(run(parseCustomText, { a: 1 }).solution).toBe('{"a":1}');
		expect(run(parseCustomText, 'x', { captchaId: '1', useragent: 'UA' }).extras).toEqual({ rawAnswer: 'x', extra: { captchaId: '1', useragent: 'UA' } });
	});

	it('JSON: an object or list, else an explicit error', () => {
		expect(run(parseCustomJson, '[{"x":1}]').solution).toEqual([{ x: 1 }]);
		expect(run(parseCustomJson, { a: 1 }).solution).toEqual({ a: 1 });
		expectParseError(parseCustomJson, 'token');
		expectParseError(parseCustomJson, '42');
	});

	it('Auto: JSON, click/coordinate answers or text, never an error', () => {
		expect(run(parseCustomAuto, '{"a":1}').solution).toEqual({ a: 1 });
		expect(run(parseCustomAuto, 'click:1/2').solution).toEqual([1, 2]);
		expect(run(parseCustomAuto, 'click:oops').solution).toBe('click:oops');
		expect(run(parseCustomAuto, 'token').solution).toBe('token');
	});

	it('is picked by the node setting, the same in execute() and the pingback webhook', () => {
		const custom = getMethod('customMethod')!;
		expect(configuredMethod(custom, () => 'json').parse).toBe(parseCustomJson);
		expect(configuredMethod(custom, () => undefined).parse).toBe(parseCustomAuto);
		expect(() => configuredMethod(custom, () => 'xml')).toThrow(/^Answer As: must be one of auto, json, text/);
		const yandex = getMethod('yandex')!;
		expect(configuredMethod(yandex, () => 'json')).toBe(yandex);
	});
});

describe('rules of the library methods', () => {
	const validate = (value: string, params: Record<string, unknown>) => getMethod(value)!.validate?.(params);

	it('ALTCHA: exactly one of Challenge URL and Challenge JSON', () => {
		expect(validate('altcha', { pageurl: 'https://a.b/' })).toMatch(/either Challenge URL or Challenge JSON/);
		expect(validate('altcha', { challenge_url: 'https://a.b/c', challenge_json: '{}' })).toMatch(/not both/);
		expect(validate('altcha', { challenge_url: 'https://a.b/c' })).toBeUndefined();
		expect(validate('altcha', { challenge_json: '{"salt":"x"}' })).toBeUndefined();
	});

	it('VK Image: steps are a JSON list of whole numbers', () => {
		expect(validate('vkImage', { steps: '[1,2,3]' })).toBeUndefined();
		for (const steps of ['[]', '[1.5]', '{"a":1}', '1,2,3', '["1"]']) expect(validate('vkImage', { steps })).toMatch(/^Steps must be/);
	});

	it('Yidun: the API server is a host name only', () => {
		expect(validate('yidun', { yidun_api_server_subdomain: 'c.dun.163.com' })).toBeUndefined();
		for (const host of ['https://c.dun.163.com', 'c.dun.163.com/path', 'c.dun.163.com:443']) {
			expect(validate('yidun', { yidun_api_server_subdomain: host })).toMatch(/host name only/);
		}
	});

	it('TSPD: cookies as a Cookie header, the page as base64', () => {
		const html = Buffer.from('<html></html>').toString('base64');
		expect(validate('tspd', { tspd_cookie: 'TS01=a; TSPD_101=b', html_page_base64: html })).toBeUndefined();
		expect(validate('tspd', { tspd_cookie: 'TS01', html_page_base64: html })).toMatch(/Cookie header/);
	});

	it('TSPD: the page HTML must be base64; MIME line breaks are allowed and not sent', () => {
		const tspd = getMethod('tspd')!;
		const values = { pageUrl: 'https://a.b/', tspdCookie: 'TS01=a', proxy: '10.0.0.1:3128', proxyType: 'HTTP' };
		const wrapped = Buffer.from('<html><body>' + 'x'.repeat(200) + '</body></html>').toString('base64').replace(/(.{76})/g, '$1\r\n');
		expect(wrapped).toContain('\r\n');
		expect(toInPhpParams(tspd, { ...values, htmlPageBase64: wrapped })).toMatchObject({ html_page_base64: wrapped.replace(/\s+/g, '') });
		for (const bad of ['<html></html>', 'PGh0bWw+PC9odG1sPg', 'PGh0bWw-PC9odG1sPg==', '   ']) {
			expect(() => toInPhpParams(tspd, { ...values, htmlPageBase64: bad })).toThrow(/^Page HTML \(Base64\): (is not valid base64|is required)/);
		}
	});

	it('Yidun: the captcha script URL is a full https:// address', () => {
		expect(validate('yidun', { yidun_get_lib: 'https://cstaticdun.126.net/load.min.js' })).toBeUndefined();
		expect(validate('yidun', { yidun_get_lib: 'http://cstaticdun.126.net/load.min.js' })).toMatch(/^Captcha Script URL must be a full https:\/\/ address/);
	});

	it('ALTCHA: the challenge JSON is an object, never a list, a string or a number', () => {
		const altcha = getMethod('altcha')!;
		const challenge = '{"algorithm":"SHA-256","challenge":"4d2a","salt":"a1","signature":"9f"}';
		expect(toInPhpParams(altcha, { pageUrl: 'https://a.b/', challengeJson: challenge })).toMatchObject({ challenge_json: challenge });
		for (const bad of ['[1]', '"text"', '42', 'null']) {
			const params = toInPhpParams(altcha, { pageUrl: 'https://a.b/', challengeJson: bad });
			expect(validate('altcha', params)).toMatch(/^Challenge JSON must be a JSON object/);
		}
	});

	it('a dropdown set by an expression matches in any letter case (the reference sends "proxytype":"http")', () => {
		const yandex = getMethod('yandex')!;
		const base = { siteKey: 'k', pageUrl: 'https://a.b/', proxy: '10.0.0.1:3128' };
		expect(toInPhpParams(yandex, { ...base, proxyType: 'socks5' })).toMatchObject({ proxytype: 'SOCKS5' });
		expect(() => toInPhpParams(yandex, { ...base, proxyType: 'ftp' })).toThrow(/^Proxy Type: must be one of HTTP, HTTPS, SOCKS4, SOCKS5/);
	});

	it('Yidun HCT takes 13-digit timestamps, not only numbers below a million', () => {
		expect(toInPhpParams(getMethod('yidun')!, { siteKey: 'k', pageUrl: 'https://a.b/', hct: '1719999999999' })).toMatchObject({ hct: '1719999999999' });
	});
});

describe('uploads as base64 parameters', () => {
	const spec = (overrides = {}) => ({ base64Param: 'images', kind: 'image' as const, maxBytes: 10, required: true, namePrefix: 'x', displayName: 'X', ...overrides });

	it('sends a JSON-array list as ONE parameter holding the base64 strings in order', () => {
		const params: Record<string, string> = {};
		addBase64Uploads(params, [
			{ spec: spec({ list: 'jsonArray' }), data: Buffer.from('a') },
			{ spec: spec({ list: 'jsonArray' }), data: Buffer.from('b') },
		]);
		expect(params).toEqual({ images: JSON.stringify(['YQ==', 'Yg==']) });
	});

	it('refuses a file whose parameter is already set', () => {
		expect(() => addBase64Uploads({ body: 'x' }, [{ spec: spec({ list: 'named' }), data: Buffer.from('a'), param: 'body' }])).toThrow(
			/^X: sets the parameter "body", which is already set/,
		);
	});
});

describe('Custom Method parameters', () => {
	const custom = getMethod('customMethod')!;
	const map = (values: Record<string, unknown>) => toInPhpParams(custom, { methodName: 'newcaptcha', ...values });
	const pairs = (...entries: Array<[string, unknown]>) => ({ entries: entries.map(([name, value]) => ({ name, value })) });

	it('sends the method name and every parameter by its own name', () => {
		expect(map({ parameters: pairs(['sitekey', 'abc'], ['data[blob]', 'x']) })).toEqual({ method: 'newcaptcha', sitekey: 'abc', 'data[blob]': 'x' });
	});

	it('maps a JSON object: text and numbers as they are, booleans as 1/0, lists and objects as JSON, null left out', () => {
		expect(map({ parametersJson: '{"a":"x","n":5,"on":true,"off":false,"list":[1,2],"obj":{"k":"v"},"none":null}' })).toEqual({
			method: 'newcaptcha',
			a: 'x',
			n: '5',
			on: '1',
			off: '0',
			list: '[1,2]',
			obj: '{"k":"v"}',
		});
		expect(map({ parametersJson: { a: 'x' } })).toMatchObject({ a: 'x' });
	});

	it.each(['key', 'json', 'soft_id', 'pingback', 'KEY', 'method'])('refuses "%s", which the node sets itself', (name) => {
		expect(() => map({ parameters: pairs([name, 'x']) })).toThrow(new RegExp(`^Parameters: "${name}" cannot be set here`));
		expect(() => map({ parametersJson: { [name]: 'x' } })).toThrow(/cannot be set here/);
	});

	it.each([
		['a name given twice across the list and JSON', { parameters: pairs(['a', '1']), parametersJson: '{"a":"2"}' }, /sets the parameter "a", which is already set/],
		['a name given twice in the list', { parameters: pairs(['a', '1'], ['a', '2']) }, /"a" is given twice/],
		['a malformed name', { parameters: pairs(['a b', '1']) }, /is not a parameter name/],
		['an unnamed entry', { parameters: pairs(['', '1']) }, /every entry needs a name/],
		['JSON that is a list', { parametersJson: '[1]' }, /must be a JSON object/],
		['JSON that does not parse', { parametersJson: '{a:1}' }, /must be a JSON object/],
		['too many parameters', { parameters: { entries: Array.from({ length: MAX_CUSTOM_PARAMS + 1 }, (_, i) => ({ name: `p${i}`, value: 'x' })) } }, /at most 50 entries/],
		['a value over 1 MiB', { parameters: pairs(['big', 'x'.repeat(1_048_577)]) }, /at most 1048576 characters/],
		['an object as a value', { parameters: pairs(['a', { b: 1 }]) }, /must be text/],
		['a proxy not in login:password@host:port form (not echoed)', { parameters: pairs(['proxy', 'me:Secr3tPass@host']) }, /^Parameters "proxy": must look like login:password@/],
	])('refuses %s', (_label, values, error) => {
		expect(() => map(values)).toThrow(error);
	});

	it('checks the method name and the total size', () => {
		expect(custom.validate!({ method: 'temuimage' })).toBeUndefined();
		for (const method of ['TemuImage', 'temu-image', 'a b', 'x;y']) expect(custom.validate!({ method })).toMatch(/^Method Name must be/);
		expect(custom.validate!({ method: 'x', a: 'x'.repeat(3 * 1024 * 1024), b: 'x'.repeat(1024 * 1024 + 1) })).toMatch(/under 4 MB/);
		expect(() => toInPhpParams(custom, {})).toThrow(/^Method Name: is required/);
	});
});
