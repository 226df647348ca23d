import { defineMethod } from '../defineMethod';
import { parseUnconfirmedToken } from '../parsers';
import { pageUrl, proxyOptions, required, userAgent } from '../sharedFields';
import { tokenTimings } from '../timings';

/**
 * Two tasks: without Data the answer is the X-HD header value; the site then answers with meta.token, and a second
 * task with Data = that meta.token answers the final token. 2Captcha's Go and Ruby docs say Hunt needs a proxy, the
 * JS example sends none: whether it works without one is unconfirmed, so the proxy stays optional but advised.
 */
export const hunt = defineMethod({
	value: 'hunt',
	name: 'Hunt',
	description: 'Hunt captcha in two steps: without Data returns the X-HD header value; with Data (the meta.token the site answered) returns the final token',
	fixed: { method: 'hunt' },
	fields: [
		pageUrl(),
		required({
			displayName: 'API Script URL',
			name: 'apiGetLib',
			param: 'api_get_lib',
			type: 'url',
			default: '',
			placeholder: 'https://example.com/hd-api/external/apps/0a1b2c3d/api.js',
			description: 'Full address of the api.js script that loads the captcha (a path like /hd-api/external/apps/…/api.js)',
		}),
	],
	options: [
		{
			displayName: 'Data (Step 2)',
			name: 'data',
			param: 'data',
			type: 'string',
			default: '',
			description:
				'For the second step only: the meta.token the site answered after you sent it the X-HD value of the first step',
		},
		...proxyOptions().map((field) => ({ ...field, description: `${field.description}. Advised for Hunt, on both steps.` })),
		{ ...userAgent('hunt'), description: 'User-Agent of the browser that opened the page; reuse it with the site' },
	],
	timings: tokenTimings(),
	parse: parseUnconfirmedToken,
	multiGetAnswer: false,
});
