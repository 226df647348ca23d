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
		// The base spec spells it in lower case for CaptchaFox alone (see USER_AGENT_PARAM).
		required(userAgent('captchafox')),
	],
	options: [],
	timings: tokenTimings(),
	parse: parseToken,
	multiGetAnswer: true,
});
