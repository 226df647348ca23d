import { defineMethod } from '../defineMethod';
import { parseToken } from '../parsers';
import { pageUrl, proxyOptions, required } from '../sharedFields';
import { tokenTimings } from '../timings';

export const cutcaptcha = defineMethod({
	value: 'cutcaptcha',
	name: 'Cutcaptcha',
	description: 'Cutcaptcha: returns the token for the input#cap_token field',
	fixed: { method: 'cutcaptcha' },
	fields: [
		required({
			displayName: 'Misery Key',
			name: 'miseryKey',
			param: 'misery_key',
			type: 'string',
			default: '',
			description: 'Value of the CUTCAPTCHA_MISERY_KEY variable defined on the page',
		}),
		// Not named apiKey: it must never be mistaken for (or masked like) the 2Captcha API key.
		required({
			displayName: 'Cutcaptcha API Key',
			name: 'cutcaptchaKey',
			param: 'api_key',
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
