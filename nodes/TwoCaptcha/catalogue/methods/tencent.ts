import { defineMethod } from '../defineMethod';
import { parseTencent } from '../parsers';
import { appId, pageUrl, proxyOptions } from '../sharedFields';
import { tokenTimings } from '../timings';

export const tencent = defineMethod({
	value: 'tencent',
	name: 'Tencent',
	description: 'Tencent captcha: returns {appid, ret, ticket, randstr} for the TencentCaptcha callback',
	fixed: { method: 'tencent' },
	fields: [
		appId('Value of appId in the page source (first argument of new TencentCaptcha)'),
		pageUrl(),
	],
	options: [
		{
			displayName: 'Captcha Script',
			name: 'captchaScript',
			param: 'captcha_script',
			type: 'url',
			default: '',
			placeholder: 'https://turing.captcha.qcloud.com/TCaptcha.js',
			description: 'Captcha script URL from the page source (service default https://turing.captcha.qcloud.com/TCaptcha.js)',
		},
		...proxyOptions(),
	],
	timings: tokenTimings(),
	parse: parseTencent,
	multiGetAnswer: false,
});
