import { defineMethod } from '../defineMethod';
import { parseUnconfirmedPoints } from '../parsers';
import { imageTimings } from '../timings';
import { base64Image } from '../uploads';

const piece = (n: number) => base64Image(`part${n}`, `piece${n}`, `Piece ${n} Image`, { defaultBinaryProperty: `piece${n}` });

export const temu = defineMethod({
	value: 'temu',
	name: 'Temu',
	description: 'Temu puzzle: a background picture and three pieces; returns where each piece goes, as {x, y} per piece',
	fixed: { method: 'temuimage' },
	fields: [],
	options: [],
	uploads: [base64Image('body', 'image', 'Background Image'), piece(1), piece(2), piece(3)],
	timings: imageTimings(),
	// The v1 answer format is not documented: accepted as a {x, y} list, {coordinates: [...]} or `x,y|x,y|x,y`.
	parse: parseUnconfirmedPoints,
	multiGetAnswer: false,
});
