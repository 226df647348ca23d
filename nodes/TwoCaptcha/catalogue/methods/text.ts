import { defineMethod } from '../defineMethod';
import { parseText } from '../parsers';
import { language, lang, required } from '../sharedFields';
import { imageTimings } from '../timings';

export const text = defineMethod({
	value: 'text',
	name: 'Text Captcha',
	description: 'A question in plain text, e.g. "If tomorrow is Saturday, what day is today?"',
	// The spec's form sends no method; the official clients send method=post with textcaptcha.
	fixed: { method: 'post' },
	fields: [
		required({
			displayName: 'Question',
			name: 'question',
			param: 'textcaptcha',
			type: 'string',
			default: '',
			maxLength: 140,
			placeholder: 'If tomorrow is Saturday, what day is today?',
			description: 'Text of the captcha question (max 140 characters)',
		}),
	],
	options: [language(), lang()],
	timings: imageTimings(),
	parse: parseText,
	multiGetAnswer: true,
});
