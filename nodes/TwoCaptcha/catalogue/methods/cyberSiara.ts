import { defineMethod } from '../defineMethod';
import { parseToken } from '../parsers';
import { pageUrl, proxyOptions, required, userAgent } from '../sharedFields';
import { tokenTimings } from '../timings';

export const cyberSiara = defineMethod({
	value: 'cyberSiara',
	name: 'CyberSiARA',
	description: 'CyberSiARA: returns a token',
	fixed: { method: 'cybersiara' },
	fields: [
		required({
			displayName: 'Master URL ID',
			name: 'masterUrlId',
			param: 'master_url_id',
			type: 'string',
			default: '',
			description: 'Value of MasterUrlId in the response of the page\'s request to API/CyberSiara/GetCyberSiara',
		}),
		pageUrl(),
		required(userAgent()),
	],
	options: [...proxyOptions()],
	timings: tokenTimings(),
	parse: parseToken,
	multiGetAnswer: true,
});
