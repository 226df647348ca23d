import { defineMethod } from '../defineMethod';
import { needsInstructions } from '../instructionRules';
import { parseBoundingBoxes } from '../parsers';
import { canNoAnswer, lang, textInstructions } from '../sharedFields';
import { imageTimings } from '../timings';
import { captchaImage, instructionsImage } from '../uploads';

/** Base64 only: the spec accepts no multipart upload for this method. JPEG, PNG or GIF, max 1000 px a side. */
export const boundingBox = defineMethod({
	value: 'boundingBox',
	name: 'Bounding Box',
	description: 'Image where a box must be drawn around an object: returns {xMin, xMax, yMin, yMax} per box',
	fixed: { method: 'bounding_box' },
	fields: [],
	options: [canNoAnswer(), lang(), textInstructions({ placeholder: 'Select cars in the image' })],
	uploads: [
		captchaImage({ base64Param: 'image', multipartParam: undefined }),
		instructionsImage({ multipartParam: undefined }),
	],
	timings: imageTimings(),
	parse: parseBoundingBoxes,
	// JSON answers take the per-id json=1 path so the parser sees exactly what res.php sent.
	multiGetAnswer: false,
	rules: [needsInstructions],
});
