import { defineMethod } from '../defineMethod';
import { parseText } from '../parsers';
import { language, lang, textInstructions } from '../sharedFields';
import { imageTimings } from '../timings';
import type { FieldSpec } from '../types';
import { captchaImage, instructionsImage } from '../uploads';
import { notAbove } from '../validators';

const symbolCount = (name: string, param: string, displayName: string, description: string): FieldSpec => ({
	displayName,
	name,
	param,
	type: 'number',
	default: 1,
	min: 1,
	max: 20,
	description,
});

export const normal = defineMethod({
	value: 'normal',
	name: 'Normal Captcha',
	description: 'Image with distorted text: returns the text typed by a worker',
	fixed: { method: 'base64' },
	multipartMethod: 'post',
	fields: [],
	options: [
		{
			displayName: 'Case Sensitive',
			name: 'caseSensitive',
			param: 'regsense',
			type: 'boolean',
			default: false,
			description: 'Whether the answer is case sensitive',
		},
		{
			displayName: 'Calculation',
			name: 'calculation',
			param: 'calc',
			type: 'boolean',
			default: false,
			description: 'Whether the worker must compute the result (e.g. the image shows 4 + 8 =)',
		},
		{
			displayName: 'Characters',
			name: 'characters',
			param: 'numeric',
			type: 'options',
			options: [
				{ name: 'Letters Only', value: 2 },
				{ name: 'Not Specified', value: 0 },
				{ name: 'Numbers and Letters', value: 4, description: 'Must contain both' },
				{ name: 'Numbers Only', value: 1 },
				{ name: 'Numbers Only or Letters Only', value: 3 },
			],
			default: 0,
			description: 'Which characters the answer contains',
		},
		language(),
		lang(),
		symbolCount('maxLength', 'max_len', 'Max Length', 'Maximum number of symbols in the answer (1-20)'),
		symbolCount('minLength', 'min_len', 'Min Length', 'Minimum number of symbols in the answer (1-20)'),
		{
			displayName: 'Multiple Words',
			name: 'multipleWords',
			param: 'phrase',
			type: 'boolean',
			default: false,
			description: 'Whether the answer has two or more words',
		},
		textInstructions(),
	],
	uploads: [captchaImage(), instructionsImage()],
	timings: imageTimings(),
	parse: parseText,
	// Image text never holds '|' in practice; the poller still checks a multi-get splits into one part per id.
	multiGetAnswer: true,
	rules: [notAbove('min_len', 'max_len', 'Min Length cannot be greater than Max Length')],
});
