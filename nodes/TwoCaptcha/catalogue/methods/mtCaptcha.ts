import { defineMethod } from '../defineMethod';
import { parseToken } from '../parsers';
import { pageUrl, proxyOptions, siteKey } from '../sharedFields';
import { tokenTimings } from '../timings';

export const mtCaptcha = defineMethod({
	value: 'mtCaptcha',
	name: 'MTCaptcha',
	description: 'MTCaptcha: returns a token like v1(...)',
	fixed: { method: 'mt_captcha' },
	fields: [siteKey('sitekey', 'Value of sitekey on the page, e.g. MTPublic-KzqLY1cKH'), pageUrl()],
	options: [...proxyOptions()],
	timings: tokenTimings(),
	parse: parseToken,
	multiGetAnswer: true,
});
