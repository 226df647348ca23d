import { defineMethod } from '../defineMethod';
import { needsInstructions } from '../instructionRules';
import { parseCanvas } from '../parsers';
import { canNoAnswer, language, lang, previousId, textInstructions } from '../sharedFields';
import { imageTimings } from '../timings';
import { captchaImage, instructionsImage } from '../uploads';

/** The Grid method's canvas mode; the grid-only parameters (rows, columns, clicks, image type) do not apply. */
export const canvas = defineMethod({
	value: 'canvas',
	name: 'Canvas',
	description: 'Image where an area around an object must be outlined: returns one polygon of points per area',
	fixed: { method: 'base64', recaptcha: '1', canvas: '1' },
	multipartMethod: 'post',
	fields: [],
	options: [canNoAnswer(), language(), lang(), previousId(), textInstructions({ placeholder: 'Select around the car' })],
	uploads: [captchaImage(), instructionsImage()],
	timings: imageTimings(),
	parse: parseCanvas,
	multiGetAnswer: true,
	rules: [needsInstructions],
});
