import { defineMethod } from '../defineMethod';
import { parseTspd } from '../parsers';
import { pageUrl, proxyFields, required, userAgent } from '../sharedFields';
import { tokenTimings } from '../timings';
import { COOKIE_HEADER, matches } from '../validators';

/** The longest page HTML accepted, base64 characters (about 1.5 MB of HTML). */
const MAX_HTML_BASE64 = 2_000_000;

export const tspd = defineMethod({
	value: 'tspd',
	name: 'TSPD (F5)',
	description:
		'F5 / TSPD bot defence page: returns the cookies that let you through (JSON, as 2Captcha sends it); the proxy must keep one IP from fetching the page to using the cookies',
	fixed: { method: 'tspd' },
	fields: [
		pageUrl({ description: 'Full URL of the protected page' }),
		required({
			displayName: 'TSPD Cookies',
			name: 'tspdCookie',
			param: 'tspd_cookie',
			type: 'string',
			default: '',
			placeholder: 'TS01abcdef=0123...; TSPD_101=08ab...',
			description:
				'Cookies the challenge page set (names starting with TS or TSPD_), as a Cookie header: name=value; name=value. Capture them right before solving.',
		}),
		required({
			displayName: 'Page HTML (Base64)',
			name: 'htmlPageBase64',
			param: 'html_page_base64',
			type: 'string',
			default: '',
			maxLength: MAX_HTML_BASE64,
			base64: true,
			placeholder: '={{ $json.data.base64Encode() }}',
			description: 'The complete HTML of the challenge page, base64-encoded (e.g. an expression with base64Encode() on the HTML an HTTP Request node fetched)',
		}),
		...proxyFields(),
	],
	options: [{ ...userAgent('tspd'), description: 'User-Agent of the browser that loaded the page (a current Windows browser works best)' }],
	timings: tokenTimings(),
	// The v1 answer is JSON text holding the cookies; its structure is not documented: kept as sent.
	parse: parseTspd,
	multiGetAnswer: false,
	rules: [matches('tspd_cookie', COOKIE_HEADER, 'TSPD Cookies must look like a Cookie header: name=value; name=value')],
});
