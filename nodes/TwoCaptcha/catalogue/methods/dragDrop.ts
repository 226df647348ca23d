import { defineMethod } from '../defineMethod';
import { parseDragDrop } from '../parsers';
import { language, lang, textInstructions } from '../sharedFields';
import { imageTimings } from '../timings';
import { base64Image } from '../uploads';

export const dragDrop = defineMethod({
	value: 'dragDrop',
	name: 'Drag and Drop',
	description:
		'A background image and images to drag onto it: returns one {x, y} per draggable image, in their order, or null for an image that stays where it is',
	fixed: { method: 'drag_drop' },
	fields: [],
	options: [language(), lang(), textInstructions({ placeholder: 'Drag each animal onto its shadow' })],
	uploads: [
		base64Image('body', 'image', 'Background Image'),
		// `images` goes as one form field holding the JSON list of base64 images, as the form-encoding library (Python) sends it.
		base64Image('images', 'draggableImages', 'Draggable Images', { list: 'jsonArray', maxCount: 20 }),
	],
	timings: imageTimings(),
	parse: parseDragDrop,
	// `|` separates the entries: a multi-id answer cannot carry it.
	multiGetAnswer: false,
});
