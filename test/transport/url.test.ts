import { MAX_URL_LENGTH, urlProblem } from '../../nodes/TwoCaptcha/transport/url';

describe('urlProblem: the one URL check', () => {
	it.each([
		['https://example.com/login'],
		['http://127.0.0.1:9/pingback/secret'],
		['https://[::1]:8080/x?secret=abc#top'],
		['https://n8n.example.com/webhook/0c1d/pingback?secret=3f9c1e7a2b8d4c6e'],
		['https://bücher.example/ä?q=ü'],
		['HTTPS://EXAMPLE.COM:65535/'],
	])('accepts %s', (url) => expect(urlProblem(url)).toBeUndefined());

	it.each([
		['a space in the host', 'https://exa mple.com/hook', /spaces/],
		['a space in the path', 'https://example.com/a b', /spaces/],
		['a newline', 'https://exa\nmple.com/hook', /line breaks/],
		['a tab', 'https://example.com/\thook', /spaces/],
		['a carriage return at the end', 'https://example.com/\r', /line breaks/],
		['a NUL byte', 'https://example.com/\u0000', /control/],
		['a zero-width space', 'https://exa\u200bmple.com/', /control/],
		['a no-break space', 'https://example.com/\u00a0', /spaces/],
		['an unclosed bracket', 'https://[::1', /not a valid URL|no host/],
		['an unopened bracket', 'https://::1]/', /no host|port|not a valid URL/],
		['a port of 99999', 'https://example.com:99999/hook', /port outside/],
		['port 0', 'http://example.com:0/', /port outside/],
		['an empty port', 'http://example.com:/', /port outside/],
		['a port with letters', 'http://example.com:80a/', /port outside/],
		['another scheme', 'ftp://example.com/', /http/],
		['javascript:', 'javascript:alert(1)', /http/],
		['no scheme', 'example.com/login', /http/],
		['no host', 'https:///path', /no host/],
		['only a scheme', 'https://', /no host/],
		['credentials', 'https://user:pass@example.com/', /user name or password/],
		['a backslash trick', 'https://evil.com\\@good.com/', /must not contain/],
		['quotes and angle brackets', 'https://example.com/"><script>', /must not contain/],
		['too long', `https://example.com/${'a'.repeat(MAX_URL_LENGTH)}`, /at most/],
	])('refuses %s', (_name, url, problem) => expect(urlProblem(url)).toMatch(problem));
});
