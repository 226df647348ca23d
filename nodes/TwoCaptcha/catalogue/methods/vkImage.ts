import { defineMethod } from '../defineMethod';
import { parseVkImage } from '../parsers';
import { required } from '../sharedFields';
import { imageTimings } from '../timings';
import { base64Image } from '../uploads';
import { integerList } from '../validators';

export const vkImage = defineMethod({
	value: 'vkImage',
	name: 'VK Image',
	description: "VK's \"I'm not a robot\" slider from its image: returns an object with the slider's best step and the value for VK's API",
	fixed: { method: 'vkimage' },
	fields: [
		required({
			displayName: 'Steps',
			name: 'steps',
			param: 'steps',
			type: 'json',
			default: '',
			placeholder: '[5,12,22,24,21,23,10,7,2,8]',
			description:
				"The steps list VK returned together with the image (response of VK's captchaNotRobot.getContent call, made while the widget loads), as a JSON list of whole numbers",
		}),
	],
	options: [],
	// Only the base64 `body` form: the multipart `file` alternative is known from some libraries only.
	uploads: [base64Image('body', 'image', 'Captcha Image')],
	timings: imageTimings(),
	// The v1 answer format is not documented (API v2: best_step, preview, solution, answer): a JSON object, kept as sent.
	parse: parseVkImage,
	multiGetAnswer: false,
	rules: [integerList('steps', 'Steps must be a JSON list of whole numbers, e.g. [5,12,22]')],
});
