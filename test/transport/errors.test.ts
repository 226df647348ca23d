import fs from 'node:fs';
import path from 'node:path';

import {
	ERROR_CODES,
	TwoCaptchaApiError,
	classifyCode,
	ensureOk,
	type ErrorCategory,
	type SpecTable,
} from '../../nodes/TwoCaptcha/transport/errors';

type Expectation = [code: string, category: ErrorCategory, timing?: { retryAfterMs?: number; blockMs?: number }];

/** Written from the API reference's three tables, independently of the catalogue under test. */
const SPEC: Record<SpecTable, Expectation[]> = {
	'in.php': [
		['ERROR_WRONG_USER_KEY', 'fatalConfig'],
		['ERROR_KEY_DOES_NOT_EXIST', 'fatalConfig'],
		['ERROR_ZERO_BALANCE', 'accountSuspended'],
		['ERROR_PAGEURL', 'fatalTask'],
		['ERROR_NO_SLOT_AVAILABLE', 'retryAfter', { retryAfterMs: 5_000 }],
		['ERROR_ZERO_CAPTCHA_FILESIZE', 'fatalTask'],
		['ERROR_TOO_BIG_CAPTCHA_FILESIZE', 'fatalTask'],
		['ERROR_WRONG_FILE_EXTENSION', 'fatalTask'],
		['ERROR_IMAGE_TYPE_NOT_SUPPORTED', 'fatalTask'],
		['ERROR_UPLOAD', 'fatalTask'],
		['ERROR_IP_NOT_ALLOWED', 'fatalConfig'],
		['IP_BANNED', 'fatalConfig', { blockMs: 300_000 }],
		['ERROR_BAD_TOKEN_OR_PAGEURL', 'fatalTask'],
		['ERROR_GOOGLEKEY', 'fatalTask'],
		['ERROR_PROXY_FORMAT', 'fatalTask'],
		['ERROR_WRONG_GOOGLEKEY', 'fatalTask'],
		['ERROR_CAPTCHAIMAGE_BLOCKED', 'fatalTask'],
		['TOO_MANY_BAD_IMAGES', 'fatalTask'],
		['MAX_USER_TURN', 'retryAfter', { retryAfterMs: 10_000 }],
		['ERROR_BAD_PARAMETERS', 'fatalTask'],
		['ERROR_BAD_PROXY', 'fatalTask'],
	],
	'res.php': [
		['CAPCHA_NOT_READY', 'notReady', { retryAfterMs: 5_000 }],
		['ERROR_CAPTCHA_UNSOLVABLE', 'fatalTask'],
		['ERROR_WRONG_USER_KEY', 'fatalConfig'],
		['ERROR_KEY_DOES_NOT_EXIST', 'fatalConfig'],
		['ERROR_WRONG_ID_FORMAT', 'fatalTask'],
		['ERROR_WRONG_CAPTCHA_ID', 'fatalTask'],
		['ERROR_BAD_DUPLICATES', 'fatalTask'],
		['ERROR_REPORT_NOT_RECORDED', 'fatalTask'],
		['ERROR_DUPLICATE_REPORT', 'fatalTask'],
		['ERROR_IP_ADDRES', 'fatalTask'],
		['ERROR_TOKEN_EXPIRED', 'fatalTask'],
		['ERROR_EMPTY_ACTION', 'fatalTask'],
		['ERROR_PROXY_CONNECTION_FAILED', 'fatalTask'],
	],
	limits: [
		['ERROR: 1001', 'accountSuspended', { blockMs: 600_000 }],
		['ERROR: 1002', 'accountSuspended', { blockMs: 300_000 }],
		['ERROR: 1003', 'retryAfter', { retryAfterMs: 30_000 }],
		['ERROR: 1004', 'accountSuspended', { blockMs: 600_000 }],
		['ERROR: 1005', 'accountSuspended', { blockMs: 300_000 }],
		['MAX_USER_TURN', 'retryAfter', { blockMs: 10_000 }],
	],
};

const cases = (Object.entries(SPEC) as Array<[SpecTable, Expectation[]]>).flatMap(([table, rows]) =>
	rows.map(([code, category, timing]) => ({ table, code, category, timing })),
);

describe('error catalogue', () => {
	it.each(cases)('$table $code → $category', ({ table, code, category, timing }) => {
		const classified = classifyCode(code);
		expect(classified).toMatchObject({ code, category, ...timing });
		expect(classified.description.length).toBeGreaterThan(10);
		expect(classified.advice.length).toBeGreaterThan(10);
		expect(ERROR_CODES.find((spec) => spec.code === code)?.tables).toContain(table);
	});

	it('holds each code once, and nothing the reference does not list', () => {
		const listed = ERROR_CODES.map((spec) => spec.code);
		expect(new Set(listed).size).toBe(listed.length);
		expect(new Set(listed)).toEqual(new Set(cases.map((c) => c.code)));
	});

	it('gives every retry-after code a wait and every suspension a block time', () => {
		for (const spec of ERROR_CODES) {
			if (spec.category === 'retryAfter') expect(spec.retryAfterMs).toBeGreaterThan(0);
			if (spec.category === 'accountSuspended') expect(spec.blockMs).toBeGreaterThan(0);
		}
	});

	it.each(['ERROR:1005', 'ERROR 1005', ' ERROR: 1005 '])('reads %p as ERROR: 1005', (written) => {
		expect(classifyCode(written)).toMatchObject({ code: 'ERROR: 1005', category: 'accountSuspended' });
	});

	it.each(['ERROR_SOMETHING_NEW', 'ERROR: 1234', 'WEIRD'])('keeps unknown code %p verbatim', (code) => {
		const classified = classifyCode(code);
		expect(classified).toMatchObject({ code, category: 'unknown', description: code });
		expect(classified.retryAfterMs).toBeUndefined();
		expect(classified.blockMs).toBeUndefined();
	});

	it("shows the server's error_text for an unknown code", () => {
		expect(classifyCode('ERROR_NEW', 'Something new happened').description).toBe('Something new happened');
	});
});

describe('ensureOk', () => {
	it('returns an OK answer unchanged', () => {
		const ok = { status: 1, request: '123', extra: {} };
		expect(ensureOk(ok)).toBe(ok);
	});

	it('throws a classified TwoCaptchaApiError carrying the captcha ID', () => {
		const call = () => ensureOk({ status: 0, request: 'ERROR_CAPTCHA_UNSOLVABLE', extra: {} }, '777');
		expect(call).toThrow(TwoCaptchaApiError);
		try {
			call();
		} catch (error) {
			expect(error).toMatchObject({
				code: 'ERROR_CAPTCHA_UNSOLVABLE',
				category: 'fatalTask',
				captchaId: '777',
				advice: 'You can send the captcha again.',
			});
			expect((error as Error).message).toMatch(/^ERROR_CAPTCHA_UNSOLVABLE: 2Captcha was unable to solve/);
		}
	});

	it('lets OK_REPORT_RECORDED through only where the caller expects it (Report Good/Bad), with status 1', () => {
		const recorded = { status: 1, request: 'OK_REPORT_RECORDED', extra: {} };
		expect(() => ensureOk(recorded)).toThrow(expect.objectContaining({ code: 'OK_REPORT_RECORDED', category: 'unknown' }));
		expect(ensureOk(recorded, '1', 'OK_REPORT_RECORDED')).toBe(recorded);
		expect(() => ensureOk({ ...recorded, status: 0 }, '1', 'OK_REPORT_RECORDED')).toThrow(TwoCaptchaApiError);
		expect(() => ensureOk({ status: 1, request: 'ERROR_NEW', extra: {} }, '1', 'OK_REPORT_RECORDED')).toThrow(
			expect.objectContaining({ code: 'ERROR_NEW' }),
		);
	});

	it('classifies CAPCHA_NOT_READY as notReady, not as a failure', () => {
		expect(() => ensureOk({ status: 0, request: 'CAPCHA_NOT_READY', extra: {} })).toThrow(
			expect.objectContaining({ category: 'notReady' }),
		);
	});
});

/** When the API reference sits beside the repository (shared/), check the catalogue against its tables. */
const specPath = path.resolve(__dirname, '../../../shared/2captcha-api-v1.md');
const describeWithSpec = fs.existsSync(specPath) ? describe : describe.skip;

describeWithSpec('catalogue against the API reference file', () => {
	function codesOfTable(markdown: string, heading: string): string[] {
		const start = markdown.indexOf(heading);
		const rows = markdown.slice(start).split('\n').slice(1);
		const table = rows.slice(rows.findIndex((line) => line.startsWith('|')));
		const end = table.findIndex((line) => !line.startsWith('|'));
		return table
			.slice(2, end)
			.map((line) => line.split('|')[1].replace(/[\\*]/g, '').trim())
			.flatMap((code) => (code === 'ERROR: NNNN' ? ['ERROR: 1001', 'ERROR: 1002', 'ERROR: 1003', 'ERROR: 1004', 'ERROR: 1005'] : [code]));
	}

	it.each([
		['in.php', 'List of in.php errors'],
		['res.php', 'List of res.php errors'],
		['limits', 'List of error codes for request limitations'],
	])('lists every code of the %s table', (_table, heading) => {
		const codes = codesOfTable(fs.readFileSync(specPath, 'utf8'), heading);
		expect(codes.length).toBeGreaterThan(4);
		for (const code of codes) expect(classifyCode(code).category).not.toBe('unknown');
	});
});
