import { defineMethod } from '../defineMethod';
import { parseToken } from '../parsers';
import { pageUrl, proxyFields, required, siteKey, userAgent } from '../sharedFields';
import { tokenTimings } from '../timings';

export const captchaFox = defineMethod({
	value: 'captchaFox',
	name: 'CaptchaFox',
	description: 'CaptchaFox: returns a token; proxy and User-Agent are mandatory',
	fixed: { method: 'captchafox' },
	fields: [
		siteKey('sitekey', 'Value of sitekey on the page or in its network requests'),
		pageUrl(),
		...proxyFields(),
		// CaptchaFox alone spells the parameter in lower case.
		required(userAgent('useragent')),
	],
	options: [],
	timings: tokenTimings(),
	parse: parseToken,
	multiGetAnswer: true,
});
