import {
	MASK,
	Secrets,
	excerpt,
	maskedUrl,
	redact,
	requestSecrets,
	secretsOf,
	urlSecrets,
} from '../../nodes/TwoCaptcha/transport/redact';

const KEY = '1abc234de56fab7c89012d34e56fa7b8';
const PASSWORD = 'p@ss w/rd+&=ü"\\';
const PROXY = `scraper:${PASSWORD}@10.0.0.2:3128`;
const PINGBACK = 'https://n8n.example.com/webhook/abc/pingback?secret=Tr1gg3r-S3cr3t_value';

/** Every encoding a secret travels in. */
const encodings: Array<[string, (secret: string) => string]> = [
	['raw', (s) => s],
	['encodeURIComponent', encodeURIComponent],
	['encodeURIComponent, lower-case hex', (s) => encodeURIComponent(s).replace(/%[0-9A-F]{2}/g, (e) => e.toLowerCase())],
	['form body (URLSearchParams, + for space)', (s) => new URLSearchParams({ v: s }).toString().slice(2)],
	['JSON-escaped', (s) => JSON.stringify(s).slice(1, -1)],
	['JSON with every character \\u-escaped', (s) => [...s].map((c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`).join('')],
	['PHP json_encode (escaped slashes)', (s) => JSON.stringify(s).slice(1, -1).replace(/\//g, '\\/')],
	['HTML-escaped', (s) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;')],
];

describe('redact: every encoding', () => {
	it.each(encodings)('masks secrets written %s', (_name, encode) => {
		for (const secret of [KEY, PASSWORD, PROXY, 'Tr1gg3r-S3cr3t_value']) {
			const text = `<pre>key=${encode(secret)}&json=1</pre>`;
			expect(redact(text, [secret])).toBe(`<pre>key=${MASK}&json=1</pre>`);
		}
	});

	it('masks the secrets of an echoed form body: key, proxy credentials and the pingback query', () => {
		const fields = { key: KEY, method: 'userrecaptcha', proxy: PROXY, pingback: PINGBACK, json: '1' };
		const body = new URLSearchParams(fields).toString();
		const echoed = `<html><body>400 Bad Request: ${body} ${JSON.stringify(fields)}</body></html>`;
		const redacted = redact(echoed, requestSecrets(fields));
		for (const leak of [KEY, 'p%40ss', 'w%2Frd', 'Tr1gg3r-S3cr3t_value', PASSWORD]) expect(redacted).not.toContain(leak);
		expect(redacted).toContain('method=userrecaptcha');
	});

	it('ignores empty and short secrets instead of shredding the text', () => {
		expect(redact('status 1, 200 OK, id 123', ['', undefined, '1', '123', '12345'])).toBe('status 1, 200 OK, id 123');
	});

	it('masks short secrets only as whole tokens, long ones anywhere', () => {
		expect(redact('code 7654321 and 765432 and x765432y', ['765432'])).toBe(`code 7654321 and ${MASK} and x765432y`);
		expect(redact('secret=765432&x', ['765432'])).toBe(`secret=${MASK}&x`);
		expect(redact('a%3D765432', ['765432'])).toBe(`a%3D${MASK}`);
		expect(redact(`xx${KEY}yy`, [KEY])).toBe(`xx${MASK}yy`);
	});
});

describe('scoping', () => {
	it('two executions with different keys mask only their own', () => {
		const first = {};
		const second = {};
		secretsOf(first).add(KEY);
		secretsOf(second).add('ffffeeeeddddccccbbbbaaaa99998888');
		const text = `a ${KEY} b ffffeeeeddddccccbbbbaaaa99998888`;
		expect(secretsOf(first).redact(text)).toBe(`a ${MASK} b ffffeeeeddddccccbbbbaaaa99998888`);
		expect(secretsOf(second).redact(text)).toBe(`a ${KEY} b ${MASK}`);
	});

	it('a 3-character key masks nothing, not even in its own execution', () => {
		const short = {};
		secretsOf(short).add('123');
		expect(secretsOf(short).redact('captcha 123, ids 1234 and 0123')).toBe('captcha 123, ids 1234 and 0123');
		expect(secretsOf({}).redact('captcha 123')).toBe('captcha 123');
	});

	it('a Secrets set masks the longest secret first', () => {
		expect(new Secrets([PASSWORD, PROXY]).redact(`proxy ${PROXY}`)).toBe(`proxy ${MASK}`);
	});
});

describe('URL secrets', () => {
	it('takes the query string, its values and user info', () => {
		expect(urlSecrets(PINGBACK)).toEqual(expect.arrayContaining(['secret=Tr1gg3r-S3cr3t_value', 'Tr1gg3r-S3cr3t_value']));
		expect(urlSecrets('https://u:pa55word@x.com/')).toEqual(['u:pa55word', 'pa55word']);
		expect(urlSecrets('https://x.com/path')).toEqual([]);
	});

	it('masks every query value of a URL shown in an output', () => {
		expect(maskedUrl(PINGBACK)).toBe(`https://n8n.example.com/webhook/abc/pingback?secret=${MASK}`);
		expect(maskedUrl('https://x.com/p?a=1&b#h')).toBe(`https://x.com/p?a=${MASK}&${MASK}#h`);
		expect(maskedUrl('https://x.com/p')).toBe('https://x.com/p');
	});
});

describe('excerpt (the one excerpt helper)', () => {
	it('is one short line', () => {
		expect(excerpt('<html>\n  <body>\t502 </body>\n</html>', [])).toBe('<html> <body> 502 </body> </html>');
		expect(excerpt('x'.repeat(500), [], 50)).toBe(`${'x'.repeat(50)}… (500 chars)`);
		expect(excerpt(' \n ', [])).toBe('(empty body)');
		expect(excerpt({ a: [1, 2] })).toBe('{"a":[1,2]}');
	});

	it('never throws, whatever the value: nesting too deep to write, a cycle, a throwing getter or String()', () => {
		let deep: unknown[] = [];
		const root = deep;
		for (let i = 0; i < 200_000; i++) deep.push((deep = []));
		const cycle: Record<string, unknown> = {};
		cycle.self = cycle;
		const hostile = { toJSON: () => { throw new Error('no'); }, toString: () => { throw new Error('no'); } };
		for (const value of [root, cycle, hostile, Object.create(null) as object]) {
			expect(() => excerpt(value)).not.toThrow();
			expect(excerpt(value).length).toBeGreaterThan(0);
		}
		expect(excerpt(root)).toMatch(/list that cannot be written/);
		expect(excerpt(cycle)).toBe('[object Object]');
	});

	it('redacts before cutting, so no part of a key survives at the cut', () => {
		const text = `${'a'.repeat(40)} ${KEY} ${'b'.repeat(40)}`;
		for (let max = 30; max < 80; max++) {
			const cut = excerpt(text, [KEY], max);
			expect(cut).not.toContain(KEY.slice(0, 8));
		}
	});
});
