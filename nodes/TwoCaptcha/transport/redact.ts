/**
 * Secrets never leave: the API key, proxy credentials, the Pingback URL's query string and the trigger's Secret
 * are masked in every error text, in every encoding they travel in. Redaction is scoped: each execution context
 * (the `this` of execute, a hook or a webhook) has its own secrets, so one run's key never masks another run's text.
 */

export const MASK = '***';
/** Shorter values are never masked: masking "123" would shred every number in a message. */
export const MIN_SECRET_LENGTH = 6;
/** Values shorter than this are masked only as whole tokens, never inside a longer word or number. */
const WHOLE_TOKEN_BELOW = 16;
const DEFAULT_EXCERPT_LENGTH = 200;

export const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** Hex digits of `n` matching either case, e.g. 0x2b → `2[bB]`. */
const hexAnyCase = (n: number, width: number) =>
	n
		.toString(16)
		.padStart(width, '0')
		.replace(/[a-f]/g, (digit) => `[${digit}${digit.toUpperCase()}]`);

const HTML_ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

/**
 * Every way one character of a secret is written where secrets travel: raw; percent-encoded in either case
 * (encodeURIComponent, the form body); `+` for a space (form body); JSON escapes (incl. PHP's `\/`); HTML entities.
 */
function charPattern(char: string): string {
	const code = char.codePointAt(0)!;
	// Escapes first: an escape starting with the raw character (`\\` for `\`) must win over it.
	const forms = [[...Buffer.from(char, 'utf8')].map((byte) => `%${hexAnyCase(byte, 2)}`).join('')];
	if (char === ' ') forms.push('\\+');
	if (code <= 0xffff) forms.push(`\\\\u${hexAnyCase(code, 4)}`);
	const json = JSON.stringify(char).slice(1, -1);
	if (json !== char) forms.push(escapeRegExp(json));
	if (char === '/') forms.push('\\\\/');
	if (HTML_ENTITIES[char]) forms.push(HTML_ENTITIES[char]);
	forms.push(`&#0*${code};`, `&#[xX]0*${hexAnyCase(code, 1)};`, escapeRegExp(char));
	return `(?:${forms.join('|')})`;
}

/** Before a short secret: the start, a non-alphanumeric character, or the end of an escape (`%3D`, `\n`, `\u0041`). */
const TOKEN_START = '(?<=^|[^A-Za-z0-9]|%[0-9A-Fa-f]{2}|\\\\[a-z]|\\\\u[0-9A-Fa-f]{4})';
const TOKEN_END = '(?![A-Za-z0-9])';
const ALNUM = /^[A-Za-z0-9]$/;

function secretPattern(secret: string): string {
	const chars = [...secret];
	const body = chars.map(charPattern).join('');
	if (chars.length >= WHOLE_TOKEN_BELOW) return body;
	const start = ALNUM.test(chars[0]) ? TOKEN_START : '';
	const end = ALNUM.test(chars[chars.length - 1]) ? TOKEN_END : '';
	return `${start}${body}${end}`;
}

/** A set of secrets and the one pattern that masks them all, longest first (a proxy URL before its password). */
export class Secrets {
	private readonly values = new Set<string>();
	private pattern: RegExp | undefined;

	constructor(values: Iterable<string | undefined> = []) {
		this.add(...values);
	}

	add(...values: Array<string | undefined>): this {
		for (const value of values) {
			if (typeof value !== 'string' || [...value].length < MIN_SECRET_LENGTH || this.values.has(value)) continue;
			this.values.add(value);
			this.pattern = undefined;
		}
		return this;
	}

	redact(text: string): string {
		if (this.values.size === 0) return text;
		this.pattern ??= new RegExp(
			[...this.values]
				.sort((a, b) => b.length - a.length)
				.map(secretPattern)
				.join('|'),
			'gu',
		);
		return text.replace(this.pattern, MASK);
	}
}

const scopes = new WeakMap<object, Secrets>();

/** The secrets of one execution (its context object); created empty on first use. */
export function secretsOf(scope: object): Secrets {
	let secrets = scopes.get(scope);
	if (!secrets) scopes.set(scope, (secrets = new Secrets()));
	return secrets;
}

/** Masks each of `secrets` in `text`, in every encoding. */
export function redact(text: string, secrets: Iterable<string | undefined>): string {
	return new Secrets(secrets).redact(text);
}

/** The secrets of a proxy `login:password@host:port`: the whole value, the credential, the password. */
export function proxySecrets(proxy: string | undefined): string[] {
	const at = proxy?.lastIndexOf('@') ?? -1;
	if (!proxy || at <= 0) return [];
	const credential = proxy.slice(0, at);
	const colon = credential.indexOf(':');
	return [proxy, credential, colon >= 0 ? credential.slice(colon + 1) : ''];
}

/** The secrets of a URL: its query string and each query value (raw and decoded), its user info. */
export function urlSecrets(url: string | undefined): string[] {
	if (!url) return [];
	const secrets: string[] = [];
	const userInfo = /^[a-z][a-z0-9+.-]*:\/\/([^/?#]*)@/i.exec(url)?.[1];
	if (userInfo) secrets.push(userInfo, userInfo.slice(userInfo.indexOf(':') + 1));
	const query = url.indexOf('?');
	if (query === -1) return secrets;
	const search = url.slice(query + 1).split('#')[0];
	secrets.push(search);
	for (const pair of search.split('&')) {
		const value = pair.slice(pair.indexOf('=') + 1);
		secrets.push(value);
		try {
			secrets.push(decodeURIComponent(value.replace(/\+/g, ' ')));
		} catch {
			// not percent-encoded: the raw value is enough
		}
	}
	return secrets;
}

/** The secrets of a request's parameters: the API key, the proxy credentials, the pingback URL's query. */
export function requestSecrets(params: Record<string, unknown>): string[] {
	const text = (name: string) => (typeof params[name] === 'string' ? (params[name] as string) : undefined);
	return [text('key') ?? '', ...proxySecrets(text('proxy')), ...urlSecrets(text('pingback'))];
}

/** The Pingback URL as shown in outputs: every query value masked. */
export function maskedUrl(url: string): string {
	const query = url.indexOf('?');
	if (query === -1) return url;
	const [search, hash] = url.slice(query + 1).split(/#(.*)/s);
	const masked = search
		.split('&')
		.map((pair) => (pair.includes('=') ? `${pair.slice(0, pair.indexOf('='))}=${MASK}` : MASK))
		.join('&');
	return `${url.slice(0, query)}?${masked}${hash !== undefined ? `#${hash}` : ''}`;
}

/**
 * Redacts an error in place: message, stack, description, and the same of its `cause` chain, `context` and
 * any other own text property (n8n's `messages`, `errorResponse` ...). The `node` (the workflow's own
 * parameters) is left alone.
 */
export function redactError<T>(error: T, secrets: Secrets, seen = new WeakSet<object>()): T {
	if (typeof error !== 'object' || error === null || seen.has(error)) return error;
	seen.add(error);
	const target = error as Record<string, unknown>;
	for (const key of new Set([...Object.getOwnPropertyNames(target), 'message', 'stack', 'cause'])) {
		if (key === 'node') continue;
		let value: unknown;
		try {
			value = target[key];
		} catch {
			continue;
		}
		if (typeof value === 'string') {
			const redacted = secrets.redact(value);
			if (redacted !== value) {
				try {
					target[key] = redacted;
				} catch {
					// read-only: nothing more can be done here
				}
			}
		} else if (typeof value === 'object' && value !== null) {
			redactError(value, secrets, seen);
		}
	}
	return error;
}

/**
 * THE way a value from the server becomes text: text as it is, anything else its JSON, else String(); never throws
 * (a cycle, a nesting too deep for either, a throwing getter), never "[object Object]" for a plain object.
 */
export function textOf(value: unknown): string {
	if (typeof value === 'string') return value;
	try {
		return JSON.stringify(value) ?? String(value);
	} catch {
		try {
			return String(value);
		} catch {
			return `(a ${Array.isArray(value) ? 'list' : typeof value} that cannot be written as text)`;
		}
	}
}

/**
 * The one excerpt helper: any value (text, or JSON of anything else) as a short, single-line, redacted excerpt,
 * for error messages about answers and bodies. Redacted before it is cut, so no part of a secret survives the cut.
 */
export function excerpt(value: unknown, secrets: Secrets | Iterable<string | undefined> = [], maxLength = DEFAULT_EXCERPT_LENGTH): string {
	const text = textOf(value);
	const masked = secrets instanceof Secrets ? secrets.redact(text) : redact(text, secrets);
	const singleLine = masked.replace(/\s+/g, ' ').trim();
	if (singleLine === '') return '(empty body)';
	return singleLine.length > maxLength ? `${singleLine.slice(0, maxLength)}… (${singleLine.length} chars)` : singleLine;
}
