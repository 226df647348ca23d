import { defineMethod } from '../defineMethod';
import { parseLemin } from '../parsers';
import { apiServerUrl, captchaIdField, pageUrl, proxyOptions } from '../sharedFields';
import { tokenTimings } from '../timings';

export const lemin = defineMethod({
	value: 'lemin',
	name: 'Lemin Cropped Captcha',
	description: 'Lemin cropped puzzle: returns {answer, challenge_id}',
	fixed: { method: 'lemin' },
	fields: [
		captchaIdField('The CROPPED_... part of the api.leminnow.com/captcha/v1/cropped/.../js script link.', 'CROPPED_1abcd2f_a1234b567c890d12ef3a456bc78d901d'),
		pageUrl(),
	],
	options: [
		apiServerUrl('Root of the Lemin script URL (service default https://api.leminnow.com/)'),
		{
			displayName: 'Div ID',
			name: 'divId',
			param: 'div_id',
			type: 'string',
			default: '',
			placeholder: 'lemin-cropped-captcha',
			description: 'ID of the div that contains the captcha script tag',
		},
		...proxyOptions(),
	],
	timings: tokenTimings(),
	parse: parseLemin,
	multiGetAnswer: false,
});
