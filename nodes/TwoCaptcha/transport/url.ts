/**
 * The one URL check: Page URL-type fields, the Pingback URL and the credential's custom server URL all pass
 * through it before anything is sent. WHATWG `new URL()` silently drops tabs and line breaks and repairs much,
 * so the raw text is checked first.
 */

/** Longer URLs are refused: browsers and servers commonly stop at 8 kB. */
export const MAX_URL_LENGTH = 8192;

const SCHEME = /^https?:\/\//i;
/** Whitespace of any kind, control characters, and characters a URL never carries raw. */
const FORBIDDEN = /[\s\p{Cc}\p{Cf}"<>\\^`{|}]/u;

/** Why `text` is not an absolute http(s) URL with a host that may be sent, or undefined when it is one. */
export function urlProblem(text: string): string | undefined {
	if (text.length > MAX_URL_LENGTH) return `must be at most ${MAX_URL_LENGTH} characters (got ${text.length})`;
	if (FORBIDDEN.test(text)) return 'must not contain spaces, line breaks, control characters or any of " < > \\ ^ ` { | }';
	if (!SCHEME.test(text)) return 'must be a full URL starting with http:// or https://, such as https://example.com/page';
	const authority = text.replace(SCHEME, '').split(/[/?#]/, 1)[0];
	if (authority.includes('@')) return 'must not contain a user name or password';
	const host = authority.startsWith('[') ? authority.slice(0, authority.indexOf(']') + 1) : authority.split(':')[0];
	if (host === '' || host === '[]') return 'has no host';
	const port = /^(?:\[[^\]]*\]|[^[\]:]*):(.*)$/.exec(authority)?.[1];
	if (port !== undefined && !(/^\d{1,5}$/.test(port) && Number(port) >= 1 && Number(port) <= 65535)) {
		return 'has a port outside 1–65535';
	}
	if (!URL.canParse(text)) return 'is not a valid URL (check the host, brackets and port)';
	if (new URL(text).hostname === '') return 'has no host';
	return undefined;
}
