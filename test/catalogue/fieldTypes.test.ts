/** Every field type and setting accepts its type from any source (typed, expression, number as text) and nothing else. */
import { resolveRunSettings, resolveSettings } from '../../nodes/TwoCaptcha/actions/captcha/solverSettings';
import { getMethod } from '../../nodes/TwoCaptcha/catalogue';
import { toInPhpParams } from '../../nodes/TwoCaptcha/catalogue/toRequest';

const timings = { firstPollSec: 20, pollIntervalSec: 5, timeoutSec: 300 };
const normal = getMethod('normal')!;
const recaptchaV2 = getMethod('recaptchaV2')!;
const v2 = { siteKey: 'key', pageUrl: 'https://example.com/' };

describe('Solver Settings', () => {
	it('takes numbers, numeric text and unset values (method defaults)', () => {
		expect(resolveRunSettings({ maxInFlight: '12', unsolvableRetries: ' 2 ' })).toEqual({ maxInFlight: 12, unsolvableRetries: 2, maxCaptchas: 0 });
		expect(resolveRunSettings({ maxInFlight: '', unsolvableRetries: null })).toEqual({ maxInFlight: 1000, unsolvableRetries: 0, maxCaptchas: 0 });
		// Max Captchas Per Execution unset: no cap in a workflow, TOOL_MAX_CAPTCHAS_DEFAULT in an AI tool call.
		expect(resolveRunSettings({}, { inToolCall: true }).maxCaptchas).toBe(10);
		expect(resolveRunSettings({ maxCaptchasPerExecution: '3' }, { inToolCall: true }).maxCaptchas).toBe(3);
		expect(resolveSettings({ timeoutSeconds: '90', pollIntervalSeconds: 0, firstPollSeconds: 1.5 }, timings)).toEqual({
			firstPollMs: 1500,
			pollIntervalMs: 5000,
			timeoutMs: 90_000,
			includeRawAnswer: false,
		});
	});

	it('keeps every duration far below what a timer can hold', () => {
		expect(() => resolveSettings({ timeoutSeconds: 2 ** 31 / 1000 }, timings)).toThrow(/^Timeout \(Seconds\): must be a number from 0 to 3600/);
		expect(resolveSettings({ timeoutSeconds: 3600, firstPollSeconds: 600, pollIntervalSeconds: 300 }, timings)).toMatchObject({
			timeoutMs: 3_600_000,
		});
	});
});

describe('catalogue fields', () => {
	it('takes numbers as text and booleans as text', () => {
		expect(toInPhpParams(normal, { minLength: '4', maxLength: 6, numeric: '0' })).toMatchObject({ min_len: '4', max_len: '6' });
		expect(toInPhpParams(recaptchaV2, { ...v2, invisible: 'true' })).toMatchObject({ invisible: '1' });
		expect(toInPhpParams(recaptchaV2, { ...v2, invisible: 'false' })).not.toHaveProperty('invisible');
	});

	it('takes a number where text is expected', () => {
		expect(toInPhpParams(recaptchaV2, { ...v2, siteKey: 12345 })).toMatchObject({ googlekey: '12345' });
	});

	it.each([
		['an object', { siteKey: { a: 1 } }, /^Site Key: must be text/],
		['NaN as a number', { siteKey: Number.NaN }, /^Site Key: must be text/],
		['a bell character', { siteKey: 'a\u0007b' }, /^Site Key: must not contain control characters/],
		['a bidi override', { siteKey: 'a\u202eb' }, /^Site Key: must not contain control characters/],
		['text for a boolean', { invisible: 'yes' }, /^Invisible: must be true or false/],
		['a list for a boolean', { invisible: [true] }, /^Invisible: must be true or false/],
	])('refuses %s', (_name, values, error) => {
		expect(() => toInPhpParams(recaptchaV2, { ...v2, ...values })).toThrow(error);
	});
});
