import { defineMethod } from '../defineMethod';
import { parseUnconfirmedToken } from '../parsers';
import { pageUrl, proxyOptions, siteKey, userAgent } from '../sharedFields';
import { tokenTimings } from '../timings';

export const yandex = defineMethod({
	value: 'yandex',
	name: 'Yandex Smart Captcha',
	description: 'Yandex SmartCaptcha widget: returns a token (the smart-token value)',
	fixed: { method: 'yandex' },
	fields: [
		siteKey('sitekey', 'Value of data-sitekey on the captcha container (class smart-captcha), or the sitekey passed to window.smartCaptcha.render'),
		pageUrl(),
	],
	options: [...proxyOptions(), userAgent('yandex')],
	timings: tokenTimings(),
	parse: parseUnconfirmedToken,
	multiGetAnswer: false,
});
