import { defineMethod } from '../defineMethod';
import { parseUnconfirmedToken } from '../parsers';
import { proxyFields, required, userAgent } from '../sharedFields';
import { tokenTimings } from '../timings';

export const vkCaptcha = defineMethod({
	value: 'vkCaptcha',
	name: 'VK Captcha',
	description: "VK captcha solved from its redirect_uri: returns a token (VK's success_token); proxy and User-Agent are mandatory",
	fixed: { method: 'vkcaptcha' },
	fields: [
		required({
			displayName: 'Redirect URI',
			name: 'redirectUri',
			param: 'redirect_uri',
			type: 'url',
			default: '',
			placeholder: 'https://….vk.com/not_robot_captcha?domain=vk.com&session_token=…',
			description: "The redirect_uri of VK's captcha error response: the not_robot_captcha address with its session_token",
		}),
		required({
			...userAgent('vkcaptcha'),
			description: 'User-Agent of the modern browser you use with VK; the worker loads the captcha with it',
		}),
		...proxyFields(),
	],
	options: [],
	timings: tokenTimings(),
	parse: parseUnconfirmedToken,
	multiGetAnswer: false,
});
