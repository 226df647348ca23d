/**
 * The captcha ID rule, for every place an ID comes in: in.php's answer (the solver), IDs typed or mapped by a user
 * (Task operations), pingback bodies (trigger and Wait for Pingback), and IDs the node stored in its own items.
 * 2Captcha's IDs are decimal numbers (11 digits today); 20 digits is the 64-bit range.
 */
const MAX_DIGITS = 20;
/** Longer input is not looked at: no spelling of an ID needs more. */
const MAX_INPUT = 64;

const ISSUED = new RegExp(`^\\d{1,${MAX_DIGITS}}$`);

/** An ID exactly as 2Captcha issues one: decimal digits only, at most 20 (what in.php must answer). */
export function isIssuedCaptchaId(value: unknown): value is string {
	return typeof value === 'string' && ISSUED.test(value);
}

/** A JSON number stands for the ID its digits spell only while it is exact (a safe integer); text stays as is. */
function idText(value: unknown): unknown {
	return typeof value === 'number' && Number.isSafeInteger(value) ? String(value) : value;
}

/**
 * The ID in.php answered, or undefined when it is not one: text of 1-20 digits exactly as sent, or a safe
 * integer (a larger JSON number may already be rounded into another ID). Lists, objects and other spellings are not.
 */
export function issuedCaptchaId(value: unknown): string | undefined {
	const text = idText(value);
	return isIssuedCaptchaId(text) ? text : undefined;
}

/**
 * The canonical spelling of a captcha ID given by a user, a pingback or an item, or undefined when `value` is not
 * one: surrounding whitespace, a leading `+` and leading zeros are dropped ("0123", " 123 ", "+123" and 123 are all
 * "123").
 */
export function canonicalCaptchaId(value: unknown): string | undefined {
	const text = idText(value);
	if (typeof text !== 'string' || text.length > MAX_INPUT) return undefined;
	const digits = /^\s*\+?(\d+)\s*$/.exec(text)?.[1];
	if (digits === undefined) return undefined;
	const id = digits.replace(/^0+(?=\d)/, '');
	return isIssuedCaptchaId(id) ? id : undefined;
}
