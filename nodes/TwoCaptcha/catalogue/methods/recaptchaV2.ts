import { defineMethod } from '../defineMethod';
import { parseRecaptcha } from '../parsers';
import {
	cookies,
	enterprise,
	pageUrl,
	proxyOptions,
	recaptchaDomain,
	siteKey,
	userAgent,
} from '../sharedFields';
import { tokenTimings } from '../timings';

export const recaptchaV2 = defineMethod({
	value: 'recaptchaV2',
	name: 'reCAPTCHA V2',
	description: '"I\'m not a robot" checkbox or invisible reCAPTCHA V2, Enterprise too: returns the g-recaptcha-response token',
	fixed: { method: 'userrecaptcha' },
	fields: [
		siteKey('googlekey', 'Value of data-sitekey, or of the k parameter of the www.google.com/recaptcha/api2/anchor link'),
		pageUrl(),
	],
	options: [
		cookies(),
		{
			displayName: 'Data-S',
			name: 'dataS',
			param: 'data-s',
			type: 'string',
			default: '',
			description: 'Value of the data-s (or s) parameter, used by Google Search and other Google services',
		},
		recaptchaDomain(),
		enterprise(),
		{
			displayName: 'Invisible',
			name: 'invisible',
			param: 'invisible',
			type: 'boolean',
			default: false,
			description: 'Whether the reCAPTCHA is invisible (no checkbox; the iframe link has size=invisible)',
		},
		{
			displayName: 'JSON Cookies',
			name: 'jsonCookies',
			param: 'json_cookies',
			type: 'json',
			default: '',
			rows: 4,
			description:
				'Cookies for the worker\'s browser as a JSON array of {name, value, domain, secure, ...} (the spec\'s extended cookie format)',
		},
		...proxyOptions(),
		userAgent(),
	],
	// "Make a 15-20 seconds timeout": the low end, so a lone token solved in 10-15 s does not wait for 20 s.
	timings: tokenTimings(),
	parse: parseRecaptcha,
	// The service returns the worker's cookies next to the token when cookies were sent; a multi-get would
	// drop them, so only then is the answer fetched alone.
	multiGetAnswer: (params) => !params.cookies && !params.json_cookies,
});
