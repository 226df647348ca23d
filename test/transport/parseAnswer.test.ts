import { MAX_ANSWER_DEPTH, parseAnswer } from '../../nodes/TwoCaptcha/transport/parseAnswer';

describe('parseAnswer', () => {
	it.each([
		['JSON success', '{"status":1,"request":"2122988149"}', { status: 1, request: '2122988149', extra: {} }],
		[
			'JSON with extra fields',
			'{"status":1,"request":"ABCDE","price":"0.00085","useragent":"UA"}',
			{ status: 1, request: 'ABCDE', extra: { price: '0.00085', useragent: 'UA' } },
		],
		[
			'JSON object request (Geetest)',
			'{"status":1,"request":{"geetest_challenge":"c","geetest_validate":"v"}}',
			{ status: 1, request: { geetest_challenge: 'c', geetest_validate: 'v' }, extra: {} },
		],
		[
			'JSON error with error_text',
			'{"status":0,"request":"ERROR_WRONG_USER_KEY","error_text":"bad key"}',
			{ status: 0, request: 'ERROR_WRONG_USER_KEY', extra: { error_text: 'bad key' } },
		],
		['JSON status as a string', '{"status":"1","request":"3.5"}', { status: 1, request: '3.5', extra: {} }],
		['JSON with surrounding whitespace', '\n {"status":0,"request":"CAPCHA_NOT_READY"} \n', { status: 0, request: 'CAPCHA_NOT_READY', extra: {} }],
		['plain OK', 'OK|2122988149', { status: 1, request: '2122988149', extra: {} }],
		['plain OK with pipes', 'OK|ABCDE|0.00085', { status: 1, request: 'ABCDE|0.00085', extra: {} }],
		['plain not ready', 'CAPCHA_NOT_READY', { status: 0, request: 'CAPCHA_NOT_READY', extra: {} }],
		['plain listed code', 'IP_BANNED', { status: 0, request: 'IP_BANNED', extra: {} }],
		['plain limit code', 'ERROR: 1005', { status: 0, request: 'ERROR: 1005', extra: {} }],
		['plain unknown ERROR_ code', 'ERROR_FROM_THE_FUTURE', { status: 0, request: 'ERROR_FROM_THE_FUTURE', extra: {} }],
		['plain report answer', 'OK_REPORT_RECORDED', { status: 1, request: 'OK_REPORT_RECORDED', extra: {} }],
		['plain balance', '3.7605', { status: 1, request: '3.7605', extra: {} }],
	])('reads %s', (_name, body, expected) => {
		expect(parseAnswer(body)).toEqual(expected);
	});

	it.each([
		['empty body', ''],
		['whitespace', '  \r\n '],
		['HTML 502 page', '<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>'],
		['truncated JSON', '{"status":1,"requ'],
		['JSON without request', '{"status":1}'],
		['JSON array', '[1,2]'],
		['prose', 'Service temporarily unavailable'],
		['lower-case word', 'ok'],
		['binary garbage', '\u0000\u0001\u00ff'],
	])('rejects %s', (_name, body) => {
		expect(parseAnswer(body)).toBeUndefined();
	});

	it.each([
		['an odd status with a status text: that status', '{"status":2,"request":"ERROR_NEW"}', { status: 0, request: 'ERROR_NEW', extra: {} }],
		['a status in spaces with a status text', '{"status":" 1","request":"CAPCHA_NOT_READY","x":1}', { status: 0, request: 'CAPCHA_NOT_READY', extra: { x: 1 } }],
	])('reads %s', (_name, body, expected) => {
		expect(parseAnswer(body)).toEqual(expected);
	});

	it.each([
		['an odd status', '{"status":2,"request":"x"}'],
		['a status in spaces', '{"status":" 1","request":"tok"}'],
		['no status', '{"request":"tok"}'],
		['a status that is a list', '{"status":[1],"request":"tok"}'],
		['an odd status whose request is not text', '{"status":2,"request":["ERROR_NEW"]}'],
	])('calls JSON with %s a protocol problem (never an answer, never a transport fault)', (_name, body) => {
		expect(parseAnswer(body)).toEqual({ problem: expect.stringMatching(/status is neither 0 nor 1/) });
	});

	it(`calls an answer nested deeper than ${MAX_ANSWER_DEPTH} levels a protocol problem, however deep, and reads one at the bound`, () => {
		const nested = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;
		// The answer object is the first level.
		expect(parseAnswer(`{"status":1,"request":${nested(MAX_ANSWER_DEPTH - 1)}}`)).toMatchObject({ status: 1 });
		for (const depth of [MAX_ANSWER_DEPTH, 200_000]) {
			expect(parseAnswer(`{"status":1,"request":${nested(depth)}}`)).toEqual({ problem: expect.stringMatching(/nested deeper/) });
			expect(parseAnswer(`{"status":0,"request":"x","extra":${nested(depth)}}`)).toEqual({ problem: expect.stringMatching(/nested deeper/) });
		}
		const objects = `${'{"a":'.repeat(100_000)}1${'}'.repeat(100_000)}`;
		expect(parseAnswer(`{"status":1,"request":${objects}}`)).toEqual({ problem: expect.stringMatching(/nested deeper/) });
	});
});
