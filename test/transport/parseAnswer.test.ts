import { parseAnswer } from '../../nodes/TwoCaptcha/transport/parseAnswer';

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
		['JSON with an odd status', '{"status":2,"request":"x"}'],
		['JSON array', '[1,2]'],
		['prose', 'Service temporarily unavailable'],
		['lower-case word', 'ok'],
		['binary garbage', '\u0000\u0001\u00ff'],
	])('rejects %s', (_name, body) => {
		expect(parseAnswer(body)).toBeUndefined();
	});
});
