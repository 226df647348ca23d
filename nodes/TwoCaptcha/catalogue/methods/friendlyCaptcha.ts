import { defineMethod } from '../defineMethod';
import { parseToken } from '../parsers';
import { pageUrl, proxyOptions, siteKey } from '../sharedFields';
import { tokenTimings } from '../timings';

export const friendlyCaptcha = defineMethod({
	value: 'friendlyCaptcha',
	name: 'Friendly Captcha',
	description:
		'Friendly Captcha: returns the token for frc-captcha-solution (block the widget script on the page or the token may be rejected)',
	fixed: { method: 'friendly_captcha' },
	fields: [siteKey('sitekey', "Value of data-sitekey of the captcha's div element"), pageUrl()],
	options: [...proxyOptions()],
	timings: tokenTimings(),
	parse: parseToken,
	multiGetAnswer: true,
});
