import { defineMethod } from '../defineMethod';
import { parseToken } from '../parsers';
import { pageUrl, proxyOptions, siteKey } from '../sharedFields';
import { tokenTimings } from '../timings';

export const prosopo = defineMethod({
	value: 'prosopo',
	name: 'Prosopo Procaptcha',
	description: 'Prosopo Procaptcha: returns a token',
	fixed: { method: 'prosopo' },
	fields: [siteKey('sitekey', 'Value of siteKey on the page'), pageUrl()],
	options: [...proxyOptions()],
	timings: tokenTimings(),
	parse: parseToken,
	multiGetAnswer: true,
});
