import { defineMethod } from '../defineMethod';
import { parseTurnstile } from '../parsers';
import { pageUrl, proxyOptions, siteKey } from '../sharedFields';
import { tokenTimings } from '../timings';
import { turnstileAction, turnstileCData, turnstileSiteKeyDescription } from '../turnstileFields';

/** A Turnstile widget on a site's own page. Challenge pages are the `cloudflareChallenge` entry. */
export const turnstile = defineMethod({
	value: 'turnstile',
	name: 'Cloudflare Turnstile',
	description: 'Turnstile widget on a page: returns the token for cf-turnstile-response',
	fixed: { method: 'turnstile' },
	fields: [siteKey('sitekey', turnstileSiteKeyDescription), pageUrl()],
	options: [turnstileAction(), turnstileCData(), ...proxyOptions()],
	timings: tokenTimings(),
	parse: parseTurnstile,
	// The token has no '|'; the User-Agent that may come with it matters only on challenge pages,
	// so taking the token from a multi-get loses nothing a standalone widget needs.
	multiGetAnswer: true,
});
