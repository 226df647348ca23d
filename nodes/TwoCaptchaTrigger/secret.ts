import { createHash, timingSafeEqual } from 'node:crypto';

/** Long enough not to be guessed, and only characters that need no escaping in a URL path. */
export const SECRET_PATTERN = /^[A-Za-z0-9_-]{16,}$/;

export const SECRET_RULE = 'at least 16 characters, only letters, digits, "-" and "_"';

/**
 * Constant-time comparison: both sides are hashed first, so neither the position of the first difference
 * nor the secret's length shows in the timing. An empty expected secret never matches.
 */
export function secretMatches(expected: string, given: unknown): boolean {
	if (expected === '' || typeof given !== 'string') return false;
	const digest = (text: string) => createHash('sha256').update(text, 'utf8').digest();
	return timingSafeEqual(digest(expected), digest(given));
}
