import { defineMethod } from '../defineMethod';
import { parseGeetest } from '../parsers';
import { pageUrl, proxyOptions, required, userAgent } from '../sharedFields';
import { tokenTimings } from '../timings';
import type { FieldSpec } from '../types';

const initFlag = (name: string, param: string, displayName: string): FieldSpec => ({
	displayName,
	name,
	param,
	type: 'boolean',
	default: false,
	description: `Whether initGeetest is called with ${param}: true (rare)`,
});

export const geetest = defineMethod({
	value: 'geetest',
	name: 'Geetest',
	description: 'Geetest v3 puzzle: returns {challenge, validate, seccode} for the geetest_* fields',
	fixed: { method: 'geetest' },
	fields: [
		required({
			displayName: 'GT',
			name: 'gt',
			param: 'gt',
			type: 'string',
			default: '',
			description: 'Public site key: the gt value passed to initGeetest',
		}),
		required({
			displayName: 'Challenge',
			name: 'challenge',
			param: 'challenge',
			type: 'string',
			default: '',
			description: 'Fresh challenge value passed to initGeetest; a challenge already loaded on the page is invalid',
		}),
		pageUrl(),
	],
	options: [
		{
			displayName: 'API Server',
			name: 'apiServer',
			param: 'api_server',
			type: 'string',
			default: '',
			placeholder: 'api-na.geetest.com',
			description: 'Value of api_server passed to initGeetest (a domain)',
		},
		initFlag('newCaptcha', 'new_captcha', 'New Captcha'),
		initFlag('offline', 'offline', 'Offline'),
		...proxyOptions(),
		userAgent(),
	],
	timings: tokenTimings(),
	parse: parseGeetest,
	// Object answer; its seccode contains '|'.
	multiGetAnswer: false,
});
