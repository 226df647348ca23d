import { defineMethod } from '../defineMethod';
import { needsInstructions } from '../instructionRules';
import { parseGrid } from '../parsers';
import {
	canNoAnswer,
	language,
	lang,
	maxClicks,
	minClicks,
	previousId,
	textInstructions,
} from '../sharedFields';
import { imageTimings } from '../timings';
import type { FieldSpec } from '../types';
import { captchaImage, instructionsImage } from '../uploads';
import { clicksWithinGrid, notAbove, requires } from '../validators';

const gridSize = (name: string, param: string, displayName: string): FieldSpec => ({
	displayName,
	name,
	param,
	type: 'number',
	default: 3,
	min: 1,
	description: `${displayName} of the grid; without it a 300x300 px image gets 3x3, any other size 4x4`,
});

export const grid = defineMethod({
	value: 'grid',
	name: 'Grid',
	description: 'Image split into equal cells (like reCAPTCHA image challenges): returns the numbers of the cells to click',
	fixed: { method: 'base64', recaptcha: '1' },
	multipartMethod: 'post',
	fields: [],
	options: [
		canNoAnswer(),
		gridSize('columns', 'recaptchacols', 'Columns'),
		{
			displayName: 'Image Type',
			name: 'imageType',
			param: 'img_type',
			type: 'options',
			options: [
				{ name: 'FunCaptcha', value: 'funcaptcha', description: 'Click the square that matches' },
				{ name: 'FunCaptcha Compare', value: 'funcaptcha_compare', description: 'Pick the square with the arrows' },
				{ name: 'reCAPTCHA', value: 'recaptcha' },
			],
			default: 'recaptcha',
			description:
				'Solve with computer vision (faster). Needs the original image, not a screenshot, and the original English instruction as Text Instructions.',
		},
		language(),
		lang(),
		maxClicks({ description: 'Maximum number of cells the worker may select (default: all cells)' }),
		minClicks({ description: 'Minimum number of cells the worker must select' }),
		previousId(),
		gridSize('rows', 'recaptcharows', 'Rows'),
		textInstructions({ placeholder: 'Select all images with trees' }),
	],
	uploads: [captchaImage(), instructionsImage()],
	timings: imageTimings(),
	parse: parseGrid,
	multiGetAnswer: true,
	rules: [
		needsInstructions,
		requires('img_type', 'textinstructions', 'Image Type needs the original English instruction in Text Instructions'),
		notAbove('min_clicks', 'max_clicks', 'Min Clicks cannot be greater than Max Clicks'),
		clicksWithinGrid,
	],
});
