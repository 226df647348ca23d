import { defineMethod } from '../defineMethod';
import { parseTurnstile } from '../parsers';
import { pageUrl, proxyOptions, required, siteKey, userAgent } from '../sharedFields';
import { tokenTimings } from '../timings';
import {
	turnstileAction,
	turnstileCData,
	turnstilePageData,
	turnstileSiteKeyDescription,
} from '../turnstileFields';

/**
 * Turnstile on a Cloudflare challenge page: action, cData and chlPageData are required, and the
 * token only works with the User-Agent returned next to it (output as userAgent).
 */
export const cloudflareChallenge = defineMethod({
	value: 'cloudflareChallenge',
	name: 'Cloudflare Challenge Page',
	description:
		'Turnstile on a Cloudflare challenge page: returns the token and the User-Agent your client must use with it',
	fixed: { method: 'turnstile' },
	fields: [
		siteKey('sitekey', turnstileSiteKeyDescription),
		pageUrl(),
		required(turnstileAction()),
		required(turnstileCData()),
		required(turnstilePageData()),
	],
	options: [...proxyOptions(), userAgent()],
	timings: tokenTimings(),
	parse: parseTurnstile,
	// The answer is only usable with its `useragent` extra, which a multi-get does not carry.
	multiGetAnswer: false,
});
