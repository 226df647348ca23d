import { defineMethod } from '../defineMethod';
import { parseAmazonWaf } from '../parsers';
import { pageUrl, proxyOptions, required, siteKey } from '../sharedFields';
import { tokenTimings } from '../timings';
import type { FieldSpec } from '../types';

const scriptUrl = (name: string, param: string, displayName: string, script: string): FieldSpec => ({
	displayName,
	name,
	param,
	type: 'url',
	default: '',
	description: `Source URL of the ${script} script on the page`,
});

export const amazonWaf = defineMethod({
	value: 'amazonWaf',
	name: 'Amazon WAF',
	description: 'AWS WAF captcha: returns {captcha_voucher, existing_token}',
	fixed: { method: 'amazon_waf' },
	fields: [
		siteKey('sitekey', 'Value of the key parameter in the page source'),
		required({
			displayName: 'IV',
			name: 'iv',
			param: 'iv',
			type: 'string',
			default: '',
			description: 'Value of the iv parameter in the page source',
		}),
		required({
			displayName: 'Context',
			name: 'context',
			param: 'context',
			type: 'string',
			default: '',
			description: 'Value of the context parameter in the page source',
		}),
		pageUrl(),
	],
	options: [
		scriptUrl('captchaScript', 'captcha_script', 'Captcha Script', 'captcha.js'),
		scriptUrl('challengeScript', 'challenge_script', 'Challenge Script', 'challenge.js'),
		...proxyOptions(),
	],
	timings: tokenTimings(),
	parse: parseAmazonWaf,
	multiGetAnswer: false,
});
