import { excerpt, redact, redactKnownSecrets, rememberSecret } from '../../nodes/TwoCaptcha/transport/redact';

const KEY = '1abc234de56fab7c89012d34e56fa7b8';

describe('redact', () => {
	it('masks every occurrence, raw and URL-encoded', () => {
		const special = 'k+y/=&secret';
		expect(redact(`key=${KEY}&again=${KEY}`, [KEY])).toBe('key=***&again=***');
		expect(redact(`key=${encodeURIComponent(special)} raw=${special}`, [special])).toBe('key=*** raw=***');
	});

	it('ignores empty and very short secrets instead of shredding the text', () => {
		expect(redact('status 1, 200 OK', ['', undefined, '1'])).toBe('status 1, 200 OK');
	});

	it('masks keys the process has seen, without being handed them', () => {
		const seen = 'feedbeeffeedbeeffeedbeeffeedbeef';
		rememberSecret(seen);
		expect(redactKnownSecrets(`oops ${seen}`)).toBe('oops ***');
	});
});

describe('excerpt', () => {
	it('is one short line', () => {
		expect(excerpt('<html>\n  <body>\t502 </body>\n</html>', [])).toBe('<html> <body> 502 </body> </html>');
		expect(excerpt('x'.repeat(500), [], 50)).toBe(`${'x'.repeat(50)}…`);
		expect(excerpt(' \n ', [])).toBe('(empty body)');
	});

	it('redacts before cutting, so no part of a key survives at the cut', () => {
		const text = `${'a'.repeat(40)}${KEY}${'b'.repeat(40)}`;
		for (let max = 30; max < 80; max++) {
			const cut = excerpt(text, [KEY], max);
			expect(cut).not.toContain(KEY.slice(0, 8));
		}
	});
});
