/** Captcha IDs are decimal numbers (11 digits today); 20 digits is the 64-bit range. */
const MAX_DIGITS = 20;
/** Longer input is not looked at: no spelling of an ID needs more. */
const MAX_INPUT = 64;

/**
 * The one spelling of a captcha ID, or undefined when `value` is not one: surrounding whitespace, a leading
 * `+` and leading zeros are dropped ("0123", " 123 ", "+123" and 123 are all "123").
 */
export function canonicalCaptchaId(value: unknown): string | undefined {
	const text = typeof value === 'number' && Number.isSafeInteger(value) ? String(value) : value;
	if (typeof text !== 'string' || text.length > MAX_INPUT) return undefined;
	const digits = /^\s*\+?(\d+)\s*$/.exec(text)?.[1];
	if (digits === undefined) return undefined;
	const id = digits.replace(/^0+(?=\d)/, '');
	return id.length <= MAX_DIGITS ? id : undefined;
}
