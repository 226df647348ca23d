import { defineMethod } from '../defineMethod';
import { parseToken } from '../parsers';
import { apiServerUrl, appId, pageUrl, proxyOptions, required } from '../sharedFields';
import { tokenTimings } from '../timings';

export const atbCaptcha = defineMethod({
	value: 'atbCaptcha',
	name: 'atbCAPTCHA',
	description: 'The atbCAPTCHA widget: returns the token passed to its success callback',
	fixed: { method: 'atb_captcha' },
	fields: [
		appId('Value of appId in the page source'),
		required(apiServerUrl('Value of apiServer in the page source, e.g. https://cap.aisecurius.com')),
		pageUrl(),
	],
	options: [...proxyOptions()],
	timings: tokenTimings(),
	parse: parseToken,
	multiGetAnswer: true,
});
