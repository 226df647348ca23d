import {
	parseAmazonWaf,
	parseBoundingBoxes,
	parseCanvas,
	parseCapy,
	parseCookiePairs,
	parseCoordinates,
	parseDataDome,
	parseGeetest,
	parseGeetestV4,
	parseGrid,
	parseLemin,
	parseRecaptcha,
	parseRotate,
	parseTencent,
	parseText,
	parseToken,
	parseTurnstile,
} from '../../nodes/TwoCaptcha/catalogue/parsers';
import { expectParseError, runParser } from '../helpers/parsers';

const run = runParser;

describe('text and token parsers', () => {
	it('keeps a text answer exactly, numbers written out', () => {
		expect(run(parseText, 'hello world')).toEqual({ solution: 'hello world' });
		expect(run(parseText, 1234)).toEqual({ solution: '1234' });
	});

	it('returns the spec reCAPTCHA V3 token trimmed', () => {
		const token = '03AHJ_Vuve5Asa4koK3KSMyUkCq0vUFCR5Im4CwB7PzO3dCxIo11i53epEraq';
		expect(run(parseToken, `${token}\n`)).toEqual({ solution: token });
	});

	it('keeps the pipes of FunCaptcha and KeyCaptcha tokens', () => {
		const fun =
			'3084f4a302b176cd7.96368058|r=ap-southeast-1|guitextcolor=%23FDD531|metabgclr=%23FFFFFF|metaiconclr=%23202122|meta=3|lang=en|pk=12AB34CD-56F7-AB8C-9D01-2EF3456789A0|cdn_url=https://cdn.funcaptcha.com/fc|surl=https://funcaptcha.com';
		const key =
			'ebdb5a6bf76da6887db60ef2041ab946|9006dc725760858e4c0715b835472f22|http://back10.keycaptcha.com/swfs/ckc/5bded85426de3c57a7529a84bd0d4d08-|493e52c37c10c2bcdf4a00cbc9ccd1e8|1';
		expect(run(parseToken, fun).solution).toBe(fun);
		expect(run(parseToken, key).solution).toBe(key);
	});

	it('rejects an object where a token was expected, quoting it', () => {
		const error = expectParseError(parseToken, { unexpected: 'shape' }, 'Expected a token as text');
		expect(error.message).toContain('{"unexpected":"shape"}');
	});

	it('shortens long answers in the message but keeps them whole in raw', () => {
		const long = { blob: 'x'.repeat(500) };
		const error = expectParseError(parseText, long, 'Expected a text answer');
		expect(error.message.length).toBeLessThan(200);
		expect(error.message).toMatch(/… \(\d+ chars\)$/);
		expect(error.raw).toBe(long);
	});
});

describe('parseRecaptcha', () => {
	it('returns the token alone when no cookies come back', () => {
		expect(run(parseRecaptcha, 'tok')).toEqual({ solution: 'tok' });
		expect(run(parseRecaptcha, 'tok', { cookies: '' })).toEqual({ solution: 'tok' });
	});

	it('parses cookies in the spec format KEY1:Value1;KEY2:Value2;', () => {
		expect(run(parseRecaptcha, 'tok', { cookies: 'KEY1:Value1;KEY2:Value2;' })).toEqual({
			solution: 'tok',
			extras: { cookies: { KEY1: 'Value1', KEY2: 'Value2' } },
		});
	});

	it('parses name=value cookies whose values hold = and :', () => {
		expect(parseCookiePairs('_GRECAPTCHA=09A:b==; NID=511=abc')).toEqual({
			_GRECAPTCHA: '09A:b==',
			NID: '511=abc',
		});
	});

	it('keeps cookies it cannot read, and structured cookies, as received', () => {
		expect(run(parseRecaptcha, 'tok', { cookies: 'not a cookie list' }).extras).toEqual({
			cookies: 'not a cookie list',
		});
		const jsonCookies = [{ name: 'a', value: 'b', domain: '.google.com', secure: true }];
		expect(run(parseRecaptcha, 'tok', { cookies: jsonCookies }).extras).toEqual({ cookies: jsonCookies });
	});
});

describe('parseTurnstile', () => {
	it('adds the User-Agent of the spec example', () => {
		const userAgent =
			'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/115.0.0.0 Safari/537.36';
		expect(run(parseTurnstile, '0.4uMMZZdSfsVM8...610cd090', { useragent: userAgent })).toEqual({
			solution: '0.4uMMZZdSfsVM8...610cd090',
			extras: { userAgent },
		});
	});

	it('returns the token alone when no User-Agent comes back', () => {
		expect(run(parseTurnstile, 'tok')).toEqual({ solution: 'tok' });
	});
});

describe('parseGrid', () => {
	it('reads the spec answer click:3/8/9', () => {
		expect(run(parseGrid, 'click:3/8/9')).toEqual({ solution: [3, 8, 9], extras: { noMatchingImages: false } });
	});

	it('accepts a single cell and a missing prefix', () => {
		expect(run(parseGrid, 'click:5').solution).toEqual([5]);
		expect(run(parseGrid, '1/2').solution).toEqual([1, 2]);
	});

	it('turns No_matching_images into an empty list with the flag', () => {
		expect(run(parseGrid, 'No_matching_images')).toEqual({ solution: [], extras: { noMatchingImages: true } });
	});

	it('rejects cells that are not positive integers', () => {
		expectParseError(parseGrid, 'click:3/x/9', 'Grid answer');
		expectParseError(parseGrid, 'click:0', 'Grid answer');
		expectParseError(parseGrid, 'click:1//2', 'Grid answer');
	});
});

describe('parseCanvas', () => {
	it('reads the spec one-area example', () => {
		expect(run(parseCanvas, 'canvas:5,5,3,91,93,90,90,7,8,6;').solution).toEqual([
			[
				{ x: 5, y: 5 },
				{ x: 3, y: 91 },
				{ x: 93, y: 90 },
				{ x: 90, y: 7 },
				{ x: 8, y: 6 },
			],
		]);
	});

	it('reads the spec two-area example', () => {
		const { solution } = run(parseCanvas, 'canvas:5,5,3,91,93,90,90,7,8,6;208,211,208,287,294,294,293,209,207,210;');
		const areas = solution as Array<Array<{ x: number; y: number }>>;
		expect(areas).toHaveLength(2);
		expect(areas[1][0]).toEqual({ x: 208, y: 211 });
		expect(areas[1][4]).toEqual({ x: 207, y: 210 });
	});

	it('handles No_matching_images and rejects odd coordinate counts', () => {
		expect(run(parseCanvas, 'No_matching_images').extras).toEqual({ noMatchingImages: true });
		expectParseError(parseCanvas, 'canvas:5,5,3;', 'Canvas answer');
		expectParseError(parseCanvas, 'canvas:5,a;', 'Canvas answer');
	});
});

describe('parseCoordinates', () => {
	it('reads the spec answer coordinate:x=39,y=59;x=252,y=72', () => {
		expect(run(parseCoordinates, 'coordinate:x=39,y=59;x=252,y=72')).toEqual({
			solution: [
				{ x: 39, y: 59 },
				{ x: 252, y: 72 },
			],
			extras: { noMatchingImages: false },
		});
	});

	it('reads the JSON array form [{x, y}] (numbers or numeric strings)', () => {
		expect(run(parseCoordinates, [{ x: '39', y: '59' }, { x: 252, y: 72 }])).toEqual({
			solution: [
				{ x: 39, y: 59 },
				{ x: 252, y: 72 },
			],
			extras: { noMatchingImages: false },
		});
		expect(() => run(parseCoordinates, [{ x: 'a', y: 1 }])).toThrow('list of {x, y}');
	});

	it('accepts the coordinates: spelling and a trailing semicolon', () => {
		expect(run(parseCoordinates, 'coordinates:x=1,y=2;').solution).toEqual([{ x: 1, y: 2 }]);
	});

	it('rejects malformed points', () => {
		expectParseError(parseCoordinates, 'coordinate:x=39;y=59', 'Coordinates answer');
		expectParseError(parseCoordinates, 'coordinate:x=1.2.3,y=4', 'Coordinates answer');
	});
});

describe('parseRotate', () => {
	it('reads the plain answer body 40|200|-120', () => {
		expect(run(parseRotate, '40|200|-120')).toEqual({ solution: [40, 200, -120] });
	});

	it('reads a whole plain answer OK|40|200|-120 as well', () => {
		expect(run(parseRotate, 'OK|40|200|-120').solution).toEqual([40, 200, -120]);
	});

	it('reads a single angle as a number or a string', () => {
		expect(run(parseRotate, 40).solution).toEqual([40]);
		expect(run(parseRotate, '-120').solution).toEqual([-120]);
		expect(run(parseRotate, [40, '80']).solution).toEqual([40, 80]);
	});

	it('rejects non-numeric angles', () => {
		expectParseError(parseRotate, '40|left', 'Rotate answer');
		expectParseError(parseRotate, '', 'Rotate answer');
	});
});

describe('JSON object answers', () => {
	const geetest = {
		challenge: '1a2b3456cd67890e12345fab678901c2de',
		validate: '09fe8d7c6ba54f32e1dcb0a9fedc8765',
		seccode: '12fe3d4c56789ba01f2e345d6789c012|jordan',
	};

	it('accepts the spec Geetest answer as an object and as a JSON string', () => {
		expect(run(parseGeetest, geetest)).toEqual({ solution: geetest });
		expect(run(parseGeetest, JSON.stringify(geetest))).toEqual({ solution: geetest });
	});

	it('names the missing keys', () => {
		expectParseError(parseGeetest, { challenge: 'c' }, 'Geetest answer lacks validate, seccode');
	});

	it('rejects text that is not a JSON object', () => {
		expectParseError(parseGeetest, 'ERROR_SOMETHING', 'Geetest answer is not a JSON object');
		expectParseError(parseGeetest, '[1,2]', 'Geetest answer is not a JSON object');
	});

	it.each([
		[
			'Geetest v4',
			parseGeetestV4,
			{
				captcha_id: 'e392e1d7fd421dc63325744d5a2b9c73',
				lot_number: '7fafac97a43d4701aee908afa49c73ba',
				pass_token: '6f1c27bd15777d5e9e6e1ba94604c28e7b13b94eed3f7c8b79ceaf4660da6320',
				gen_time: '1648112802',
				captcha_output: 'FEB0Fyp2UEcHdeFQ0PEN-BHenkuCzlpmfX_OLXuf49iF_rPvbjYc9whxQg=',
			},
		],
		[
			'Capy',
			parseCapy,
			{
				captchakey: 'PUZZLE_Abc1dEFghIJKLM2no34P56q7rStu8v',
				challengekey: 'y1Pu234nCwq56WnqB7y8TSZq0Qzp0ltK',
				answer: '0xax8ex0xax84x0xkx7qx0xux7qx0xux7gx0x18x7gx0x1sx76x0x26x6ix0x2qx6ix0x3ex68x0',
			},
		],
		[
			'Lemin',
			parseLemin,
			{ answer: '0x0xcgx0x0xbsx0xaxb8x0x_?_gAAAAABi4-Efd', challenge_id: 'a33515c5-9095-4c2a-b2eb-c86214d62f98' },
		],
		[
			'Amazon WAF',
			parseAmazonWaf,
			{ captcha_voucher: 'eyJ0eXAiOiJKV1QiLCJhbGciOiJIUzI1NiJ9.e30.qgSX4', existing_token: '25b7ee41-2d4e:EQoAf2Zd5kEWAAAA:qGp2' },
		],
		[
			'Tencent',
			parseTencent,
			{ appid: '190014885', ret: 0, ticket: 'tr0344YjJASGmJGtohyWS_y6tJKiqVPIdFgl87vWlVaQoueR8D6DH28go*', randstr: '@KVN' },
		],
	])('accepts the spec %s answer in both shapes', (_name, parser, answer) => {
		expect(run(parser, answer)).toEqual({ solution: answer });
		expect(run(parser, JSON.stringify(answer))).toEqual({ solution: answer });
	});
});

describe('parseBoundingBoxes', () => {
	const box = { xMin: 100, xMax: 316, yMin: 66, yMax: 210 };

	it('reads the spec JSON string answer', () => {
		expect(run(parseBoundingBoxes, '[{"xMin":100,"xMax":316,"yMin":66,"yMax":210}]')).toEqual({
			solution: [box],
			extras: { noMatchingImages: false },
		});
	});

	it('accepts an already parsed array and No_matching_images', () => {
		expect(run(parseBoundingBoxes, [box, box]).solution).toEqual([box, box]);
		expect(run(parseBoundingBoxes, 'No_matching_images')).toEqual({ solution: [], extras: { noMatchingImages: true } });
	});

	it('rejects boxes without the four numbers', () => {
		expectParseError(parseBoundingBoxes, '[{"xMin":1,"xMax":2}]', 'Bounding box answer');
		expectParseError(parseBoundingBoxes, '{"xMin":1}', 'Bounding box answer');
		expectParseError(parseBoundingBoxes, 'not json', 'Bounding box answer');
	});
});

describe('parseDataDome', () => {
	const cookie =
		'datadome=G4TdaXfDqz0B..OJDxGGtKDktILJQEDxM; Max-Age=31536000; Domain=.example.com; Path=/; Secure; SameSite=Lax';

	it('returns the spec cookie string and its parts', () => {
		expect(run(parseDataDome, cookie)).toEqual({
			solution: cookie,
			extras: {
				cookie: {
					name: 'datadome',
					value: 'G4TdaXfDqz0B..OJDxGGtKDktILJQEDxM',
					attributes: { maxAge: '31536000', domain: '.example.com', path: '/', secure: true, sameSite: 'Lax' },
				},
			},
		});
	});

	it('keeps = inside the value', () => {
		const { extras } = run(parseDataDome, 'datadome=abc==; Path=/');
		expect(extras).toEqual({ cookie: { name: 'datadome', value: 'abc==', attributes: { path: '/' } } });
	});

	it('rejects text that is not a cookie', () => {
		expectParseError(parseDataDome, 'just-a-token', 'DataDome answer');
		expectParseError(parseDataDome, '=value', 'DataDome answer');
	});
});
