import { defineMethod } from '../defineMethod';
import { parseRotate } from '../parsers';
import { lang, textInstructions } from '../sharedFields';
import { imageTimings } from '../timings';
import { captchaImage, instructionsImage } from '../uploads';

/** The spec's text says multipart only, but it also documents the base64 `body` form: both are offered. */
export const rotate = defineMethod({
	value: 'rotate',
	name: 'Rotate',
	description: 'Image to turn upright: returns the angle per image, clockwise when positive',
	fixed: { method: 'rotatecaptcha' },
	fields: [],
	options: [
		{
			displayName: 'Rotation Step',
			name: 'angle',
			param: 'angle',
			type: 'number',
			default: 40,
			min: 1,
			max: 360,
			description: 'Degrees of one rotation step (FunCaptcha uses 40)',
		},
		lang(),
		textInstructions(),
	],
	uploads: [captchaImage(), instructionsImage()],
	timings: imageTimings(),
	parse: parseRotate,
	// Several images answer `40|200|-120`: the '|' would break a multi-get split.
	multiGetAnswer: false,
});
