import { defineMethod } from '../defineMethod';
import { parseToken } from '../parsers';
import { pageUrl, proxyOptions, required, userAgent } from '../sharedFields';
import { tokenTimings } from '../timings';

export const funCaptcha = defineMethod({
	value: 'funCaptcha',
	name: 'FunCaptcha (Arkose Labs)',
	description: 'Arkose Labs FunCaptcha: returns the token for the fc-token field',
	fixed: { method: 'funcaptcha' },
	fields: [
		required({
			displayName: 'Public Key',
			name: 'publicKey',
			param: 'publickey',
			type: 'string',
			default: '',
			placeholder: '12AB34CD-56F7-AB8C-9D01-2EF3456789A0',
			description: 'Value of data-pkey, or of pk in the value of the fc-token input',
		}),
		pageUrl(),
	],
	options: [
		{
			displayName: 'Custom Data',
			name: 'customData',
			param: 'data',
			type: 'keyValue',
			default: {},
			description: 'Extra data passed to FunCaptcha, sent as data[name]=value (e.g. name blob)',
		},
		...proxyOptions(),
		{
			displayName: 'Service URL',
			name: 'serviceUrl',
			param: 'surl',
			type: 'url',
			default: '',
			placeholder: 'https://client-api.arkoselabs.com',
			description: 'Value of surl in the fc-token input; the service default fits most sites',
		},
		userAgent(),
	],
	// "Make a 10-20 seconds timeout".
	timings: tokenTimings(10),
	parse: parseToken,
	// The token itself contains '|' (r=...|pk=...|surl=...).
	multiGetAnswer: false,
});
