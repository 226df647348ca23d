import { defineMethod } from '../defineMethod';
import { parseUnconfirmedToken } from '../parsers';
import { pageUrl, proxyOptions, required, userAgent } from '../sharedFields';
import { tokenTimings } from '../timings';
import type { FieldSpec } from '../types';

/** An optional text parameter of the Alibaba captcha request. */
const text = (displayName: string, name: string, param: string, description: string, placeholder?: string): FieldSpec => ({
	displayName,
	name,
	param,
	type: 'string',
	default: '',
	placeholder,
	description,
});

/** Parameter names as JS, Python, Java, C#, Ruby and PHP's examples send them (snake_case); Go's camelCase is unconfirmed. */
export const alibaba = defineMethod({
	value: 'alibaba',
	name: 'Alibaba Cloud Captcha',
	description: 'Alibaba Cloud (Aliyun) Captcha: returns a token',
	fixed: { method: 'alibaba' },
	fields: [
		pageUrl(),
		required(text('Scene ID', 'sceneId', 'scene_id', 'The sceneId of the captcha request (initAliyunCaptcha options or its network request)')),
		required(
			text(
				'Prefix',
				'prefix',
				'prefix',
				'Identity prefix: the first label of the host the captcha loads from, the part before .captcha-open....aliyuncs.com',
				'abc123',
			),
		),
	],
	options: [
		{ ...text('API Script URL', 'apiGetLib', 'api_get_lib', "Address of the site's AliyunCaptcha.js"), type: 'url' },
		text('Region', 'region', 'region', 'Processing region of the captcha, e.g. sgp or cn'),
		text('User Certify ID', 'userCertifyId', 'user_certify_id', 'ID of the current captcha session: the traceid of the captcha request'),
		text('User ID', 'userId', 'user_id', 'User or session identifier the site sends with the captcha request'),
		text('User User ID', 'userUserId', 'user_user_id', 'Second user identifier the site sends with the captcha request'),
		text('Verify Type', 'verifyType', 'verify_type', 'Version or type of the verification, e.g. 1.0'),
		...proxyOptions(),
		userAgent('alibaba'),
	],
	timings: tokenTimings(),
	parse: parseUnconfirmedToken,
	multiGetAnswer: false,
});
