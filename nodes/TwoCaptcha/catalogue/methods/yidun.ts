import { defineMethod } from '../defineMethod';
import { parseUnconfirmedToken } from '../parsers';
import { pageUrl, proxyOptions, siteKey, userAgent } from '../sharedFields';
import { tokenTimings } from '../timings';
import { HOST_NAME, matches } from '../validators';

export const yidun = defineMethod({
	value: 'yidun',
	name: 'NetEase Yidun',
	description: 'NetEase Yidun (NECaptcha): returns a token; the Enterprise options are for sites with their own captcha server',
	fixed: { method: 'yidun' },
	fields: [
		siteKey('sitekey', 'The captcha ID in the page source or its captcha requests (captchaId, the id passed to initNECaptcha)'),
		pageUrl(),
	],
	options: [
		{
			displayName: 'Captcha Script URL',
			name: 'yidunGetLib',
			param: 'yidun_get_lib',
			type: 'url',
			default: '',
			placeholder: 'https://cstaticdun.126.net/load.min.js',
			description: 'Full https:// address of the script that loads the captcha; recommended when the site uses Challenge, HCG and HCT',
		},
		{
			displayName: 'API Server Subdomain',
			name: 'yidunApiServerSubdomain',
			param: 'yidun_api_server_subdomain',
			type: 'string',
			default: '',
			placeholder: 'c.dun.163.com',
			description: "Host name of the site's own Yidun API server, without https:// or a path",
		},
		{
			displayName: 'Challenge',
			name: 'challenge',
			param: 'challenge',
			type: 'string',
			default: '',
			description: "Dynamic challenge value from the captcha's network requests (Enterprise)",
		},
		{
			displayName: 'HCG',
			name: 'hcg',
			param: 'hcg',
			type: 'string',
			default: '',
			description: 'Captcha hash sent together with the challenge (Enterprise)',
		},
		{
			displayName: 'HCT',
			name: 'hct',
			param: 'hct',
			type: 'number',
			default: 0,
			min: 0,
			max: Number.MAX_SAFE_INTEGER,
			description: 'Numeric timestamp sent together with the challenge (Enterprise), e.g. a 13-digit value',
		},
		...proxyOptions(),
		userAgent('yidun'),
	],
	timings: tokenTimings(),
	parse: parseUnconfirmedToken,
	multiGetAnswer: false,
	rules: [
		// The libraries' reference: "full https:// URL".
		matches('yidun_get_lib', /^https:\/\//i, 'Captcha Script URL must be a full https:// address'),
		matches('yidun_api_server_subdomain', HOST_NAME, 'API Server Subdomain must be a host name only, e.g. c.dun.163.com (no https://, port or path)'),
	],
});
