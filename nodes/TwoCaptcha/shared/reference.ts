import { CONTROL } from '../transport/text';

/**
 * The per-item Reference of Submit Only mode: any short text that travels with the submission as a query
 * parameter of the Pingback URL, so the 2Captcha Trigger can output it next to the answer. One rule for both ends.
 */

/** The pingback URL's query parameter that carries the Reference. */
export const REFERENCE_QUERY_PARAM = 'reference';
export const MAX_REFERENCE_CHARS = 200;

/** What is wrong with a Reference, or undefined when it is usable: text, at most 200 characters, no control characters. */
export function referenceProblem(value: unknown): string | undefined {
	if (typeof value !== 'string') return 'must be text';
	if (value.length > MAX_REFERENCE_CHARS) return `must be at most ${MAX_REFERENCE_CHARS} characters (got ${value.length})`;
	// The text rule of every field: no control or invisible format characters, no lone surrogates.
	if (CONTROL.test(value)) return 'must be printable text (no line breaks, control or invisible format characters)';
	return undefined;
}

/** The Pingback URL with the Reference as a query parameter (replacing one already there), URL-encoded. */
export function withReference(pingbackUrl: string, reference: string): string {
	const url = new URL(pingbackUrl);
	url.searchParams.set(REFERENCE_QUERY_PARAM, reference);
	return url.toString();
}
