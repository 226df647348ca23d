import { defineMethod } from '../defineMethod';
import { parseUnconfirmedToken } from '../parsers';
import { pageUrl, proxyOptions, required, siteKey, userAgent } from '../sharedFields';
import { tokenTimings } from '../timings';

export const binance = defineMethod({
	value: 'binance',
	name: 'Binance',
	description: "Binance's own captcha: returns a token, and the User-Agent to use with it when 2Captcha names one",
	fixed: { method: 'binance' },
	fields: [
		siteKey('sitekey', "The business ID in the page's captcha requests: bizId, bizType or bizCode (e.g. login, register)"),
		pageUrl(),
		required({
			displayName: 'Validate ID',
			name: 'validateId',
			param: 'validate_id',
			type: 'string',
			default: '',
			description: "The challenge's dynamic ID in the page's captcha requests: validateId, securityId or securityCheckResponseValidateId",
		}),
	],
	options: [...proxyOptions(), { ...userAgent('binance'), description: 'User-Agent of the browser that opened the page (a current Windows browser works best)' }],
	timings: tokenTimings(),
	parse: parseUnconfirmedToken,
	// A User-Agent may come back as an extra field, which a multi-id answer cannot carry.
	multiGetAnswer: false,
});
