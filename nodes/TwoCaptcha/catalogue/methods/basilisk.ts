import { defineMethod } from '../defineMethod';
import { parseUnconfirmedToken } from '../parsers';
import { pageUrl, proxyOptions, siteKey, userAgent } from '../sharedFields';
import { tokenTimings } from '../timings';

export const basilisk = defineMethod({
	value: 'basilisk',
	name: 'Basilisk',
	description: 'Basilisk captcha: returns a token',
	fixed: { method: 'basilisk' },
	fields: [siteKey('sitekey', "Value of the captcha's data-sitekey attribute"), pageUrl()],
	options: [
		...proxyOptions(),
		{ ...userAgent('basilisk'), description: 'User-Agent of the browser that opened the page; reuse it when you send the token to the site' },
	],
	timings: tokenTimings(),
	parse: parseUnconfirmedToken,
	multiGetAnswer: false,
});
