import { defineMethod } from '../defineMethod';
import { parseToken } from '../parsers';
import { pageUrl, proxyOptions, required } from '../sharedFields';
import { tokenTimings } from '../timings';
import type { FieldSpec } from '../types';

const pageValue = (name: string, param: string, displayName: string): FieldSpec =>
	required({
		displayName,
		name,
		param,
		type: 'string',
		default: '',
		description: `Value of ${param} in the page source`,
	});

export const keyCaptcha = defineMethod({
	value: 'keyCaptcha',
	name: 'KeyCaptcha',
	description: 'KeyCaptcha puzzle: returns the value for the capcode field',
	fixed: { method: 'keycaptcha' },
	fields: [
		pageValue('userId', 's_s_c_user_id', 'User ID'),
		pageValue('sessionId', 's_s_c_session_id', 'Session ID'),
		pageValue('webServerSign', 's_s_c_web_server_sign', 'Web Server Sign'),
		pageValue('webServerSign2', 's_s_c_web_server_sign2', 'Web Server Sign 2'),
		pageUrl(),
	],
	options: [...proxyOptions()],
	timings: tokenTimings(),
	parse: parseToken,
	// The answer is made of '|'-separated parts.
	multiGetAnswer: false,
});
