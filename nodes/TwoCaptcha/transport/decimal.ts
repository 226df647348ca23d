import { ProtocolError } from './errors';

/** A plain decimal number as 2Captcha writes balances and prices: `3.84`, `-0.5`, `12`. */
export const PLAIN_DECIMAL = /^-?\d+(\.\d+)?$/;

/**
 * A balance or price 2Captcha answered, as a number: a plain decimal in text, or a finite JSON number. Anything
 * else (`""`, null, `0x1A`, `1e999`, `abc`, a number too large to hold) is a ProtocolError that shows the raw
 * text: never a guessed 0, NaN or Infinity.
 */
export function plainDecimal(value: unknown, what: string, captchaId?: string): number {
	const text = typeof value === 'string' ? value.trim() : undefined;
	const number = typeof value === 'number' ? value : text !== undefined && PLAIN_DECIMAL.test(text) ? Number(text) : NaN;
	if (Number.isFinite(number)) return number;
	const shown = typeof value === 'string' && value.length > 60 ? `${value.slice(0, 60)}…` : value;
	const raw = JSON.stringify(shown) ?? String(value);
	throw new ProtocolError(`2Captcha answered a ${what} that is not a plain decimal number: ${raw}: protocol error`, captchaId);
}
