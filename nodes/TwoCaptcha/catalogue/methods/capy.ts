import { defineMethod } from '../defineMethod';
import { parseCapy } from '../parsers';
import { apiServerUrl, pageUrl, proxyOptions, required } from '../sharedFields';
import { tokenTimings } from '../timings';

export const capy = defineMethod({
	value: 'capy',
	name: 'Capy Puzzle',
	description: 'Capy puzzle: returns {captchakey, challengekey, answer} for the capy_* fields',
	fixed: { method: 'capy' },
	fields: [
		required({
			displayName: 'Captcha Key',
			name: 'captchaKey',
			param: 'captchakey',
			type: 'string',
			default: '',
			placeholder: 'PUZZLE_Abc1dEFghIJKLM2no34P56q7rStu8v',
			description: 'Value of capy_captchakey, or of k in the api.capy.me/puzzle/get_js/ script link',
		}),
		pageUrl(),
	],
	options: [
		apiServerUrl('Root of the Capy script URL, e.g. https://api.capy.me/ (service default https://jp.api.capy.me/)'),
		...proxyOptions(),
		{
			displayName: 'Version',
			name: 'version',
			param: 'version',
			type: 'options',
			options: [
				{ name: 'Avatar', value: 'avatar', description: 'Drag an object' },
				{ name: 'Puzzle', value: 'puzzle', description: 'Assemble a puzzle' },
			],
			default: 'puzzle',
			description: 'Kind of Capy task',
		},
	],
	timings: tokenTimings(),
	parse: parseCapy,
	multiGetAnswer: false,
});
