import { defineMethod } from '../defineMethod';
import { parseCoordinates } from '../parsers';
import { language, lang, maxClicks, minClicks, textInstructions } from '../sharedFields';
import { imageTimings } from '../timings';
import { captchaImage, instructionsImage } from '../uploads';
import { notAbove } from '../validators';

/**
 * Unlike Grid, no instruction is enforced: the spec says textinstructions is not needed
 * when the captcha image itself shows the instruction.
 */
export const coordinates = defineMethod({
	value: 'coordinates',
	name: 'Coordinates',
	description: 'Image where points must be clicked: returns the x,y coordinates of the clicks (0,0 = top left)',
	fixed: { method: 'base64', coordinatescaptcha: '1' },
	multipartMethod: 'post',
	fields: [],
	options: [
		language(),
		lang(),
		maxClicks(),
		minClicks(),
		textInstructions({
			placeholder: 'Click on the ghosts',
			description: 'Instruction shown to the worker (max 140 characters); not needed when the image shows it',
		}),
	],
	uploads: [captchaImage(), instructionsImage()],
	timings: imageTimings(),
	parse: parseCoordinates,
	multiGetAnswer: true,
	rules: [notAbove('min_clicks', 'max_clicks', 'Min Clicks cannot be greater than Max Clicks')],
});
