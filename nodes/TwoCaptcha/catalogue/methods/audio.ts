import { defineMethod } from '../defineMethod';
import { parseText } from '../parsers';
import { lang, required } from '../sharedFields';
import { imageTimings } from '../timings';

/** The languages the speech recognition supports, per the spec. */
const AUDIO_LANGUAGES = [
	{ name: 'English', value: 'en' },
	{ name: 'French', value: 'fr' },
	{ name: 'German', value: 'de' },
	{ name: 'Greek', value: 'el' },
	{ name: 'Portuguese', value: 'pt' },
	{ name: 'Russian', value: 'ru' },
];

export const audio = defineMethod({
	value: 'audio',
	name: 'Audio',
	description: 'MP3 recording (max 1 MB) turned into text by speech recognition',
	fixed: { method: 'audio' },
	fields: [required({ ...lang(AUDIO_LANGUAGES), description: 'Language spoken in the recording' })],
	options: [],
	uploads: [
		{
			base64Param: 'body',
			kind: 'audio',
			minBytes: 100,
			maxBytes: 1024 * 1024,
			required: true,
			namePrefix: 'audio',
			displayName: 'Audio File (MP3)',
		},
	],
	// "Make a 15-20 seconds timeout", then poll every 5 s.
	timings: imageTimings(15),
	parse: parseText,
	multiGetAnswer: true,
});
