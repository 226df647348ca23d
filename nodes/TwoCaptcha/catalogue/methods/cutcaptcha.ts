import { defineMethod } from '../defineMethod';
import { parseToken } from '../parsers';
import { pageUrl, proxyOptions, required } from '../sharedFields';
import { tokenTimings } from '../timings';

export const cutcaptcha = defineMethod({
	value: 'cutcaptcha',
	name: 'Cutcaptcha',
	action: 'Solve a Cutcaptcha',
	description: 'Cutcaptcha: returns the token for the input#cap_token field',
	fixed: { method: 'cutcaptcha' },
	fields: [
		required({
			name: 'miseryKey',
			param: 'misery_key',
			displayName: 'Misery Key',
			type: 'string',
			default: '',
			description: 'Value of the CUTCAPTCHA_MISERY_KEY variable defined on the page',
		}),
		// Named after the page attribute so it is never mistaken for the 2Captcha API key.
		required({
			name: 'dataApiKey',
			param: 'api_key',
			displayName: 'Data API Key',
			type: 'string',
			default: '',
			description: "Value of the data-apikey attribute of the iframe's body (also the name of the included script)",
		}),
		pageUrl(),
	],
	options: [...proxyOptions()],
	timings: tokenTimings(),
	parse: parseToken,
	multiGetAnswer: true,
});
