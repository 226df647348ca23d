'use strict';
/**
 * Methods answered from an uploaded image, audio or text: normal, grid, canvas, coordinates, text, rotate,
 * bounding box and audio. Each entry: key, category, price (USD), required parameters, check(ctx) and answer(ctx).
 */
const { imageSize, checkAudio } = require('../media');
const checks = require('./checks');
const answers = require('./answers');

const { BAD, firstError, present } = checks;
const AUDIO_LANGUAGES = ['en', 'fr', 'de', 'el', 'pt', 'ru'];
const AUDIO_MAX_BYTES = 1024 * 1024;

const sizeOf = (ctx) => imageSize(ctx.image) || { width: 300, height: 300 };
const optionalInstructions = (ctx) => firstError(() => checks.checkInstructionText(ctx.params), () => checks.checkInstructionImage(ctx));
const clickLimits = (ctx) => checks.checkIntegers(ctx.params, { min_clicks: [1, 100], max_clicks: [1, 100], can_no_answer: [0, 1] });

/** How many clicks to answer: between min_clicks and max_clicks, usually a few. */
function clickCount(rng, params, limit) {
	const min = Math.min(Number(params.min_clicks) || 1, limit);
	const max = Math.min(Number(params.max_clicks) || Math.max(min, 4), limit);
	return rng.int(min, Math.max(min, max));
}

/** With can_no_answer=1 a worker sometimes presses "No matching images". */
const noMatch = (ctx) => ctx.params.can_no_answer === '1' && ctx.rng.chance(0.1);

/** Grid size: recaptcharows x recaptchacols, else 3x3 for a 300x300 image and 4x4 otherwise. */
function gridOf(ctx) {
	const { width, height } = sizeOf(ctx);
	const side = width === 300 && height === 300 ? 3 : 4;
	return { rows: Number(ctx.params.recaptcharows) || side, cols: Number(ctx.params.recaptchacols) || side };
}

function checkGrid(ctx) {
	return firstError(
		() => checks.requireImage(ctx),
		() => checks.requireInstruction(ctx),
		() => optionalInstructions(ctx),
		() => checks.checkIntegers(ctx.params, { recaptcharows: [1, 10], recaptchacols: [1, 10], canvas: [0, 1] }),
		() => clickLimits(ctx),
		() => {
			const { rows, cols } = gridOf(ctx);
			const min = Number(ctx.params.min_clicks) || 1;
			const max = Number(ctx.params.max_clicks) || rows * cols;
			return min > rows * cols || min > max ? BAD : null;
		},
	);
}

const point = (rng, { width, height }) => [rng.int(1, width - 1), rng.int(1, height - 1)];

const normal = {
	key: 'normal',
	category: 'image',
	price: 0.001,
	check: (ctx) =>
		firstError(
			() => checks.requireImage(ctx),
			() => checks.checkIntegers(ctx.params, { phrase: [0, 1], regsense: [0, 1], numeric: [0, 4], calc: [0, 1], min_len: [0, 20], max_len: [0, 20], language: [0, 2] }),
			() => optionalInstructions(ctx),
		),
	answer: ({ rng, params }) => ({ value: answers.imageText(rng, params) }),
};

const grid = {
	key: 'grid',
	category: 'image',
	price: 0.0012,
	check: checkGrid,
	answer(ctx) {
		if (noMatch(ctx)) return { value: 'No_matching_images' };
		const { rows, cols } = gridOf(ctx);
		const cells = new Set();
		const count = clickCount(ctx.rng, ctx.params, rows * cols);
		while (cells.size < count) cells.add(ctx.rng.int(1, rows * cols));
		return { value: `click:${[...cells].sort((a, b) => a - b).join('/')}` };
	},
};

const canvas = {
	key: 'canvas',
	category: 'image',
	price: 0.0012,
	check: checkGrid,
	answer(ctx) {
		if (noMatch(ctx)) return { value: 'No_matching_images' };
		const size = sizeOf(ctx);
		const area = () => Array.from({ length: ctx.rng.int(4, 6) }, () => point(ctx.rng, size).join(',')).join(',');
		const areas = Array.from({ length: ctx.rng.int(1, 2) }, area);
		return { value: `canvas:${areas.map((points) => `${points};`).join('')}` };
	},
};

const coordinates = {
	key: 'coordinates',
	category: 'image',
	price: 0.0012,
	check: (ctx) => firstError(() => checks.requireImage(ctx), () => optionalInstructions(ctx), () => clickLimits(ctx)),
	answer(ctx) {
		const size = sizeOf(ctx);
		const points = Array.from({ length: clickCount(ctx.rng, ctx.params, 20) }, () => point(ctx.rng, size));
		return { value: `coordinate:${points.map(([x, y]) => `x=${x},y=${y}`).join(';')}` };
	},
};

const textcaptcha = {
	key: 'textcaptcha',
	category: 'image',
	price: 0.001,
	required: ['textcaptcha'],
	check: (ctx) =>
		firstError(
			() => ([...String(ctx.params.textcaptcha)].length > 140 ? BAD : null),
			() => checks.checkIntegers(ctx.params, { language: [0, 2] }),
		),
	answer: ({ rng }) => ({ value: rng.pick(answers.TEXT_ANSWERS) }),
};

/** Every uploaded image (`file`, `file_1`, `file_2`... or base64 `body`) gets one rotation angle. */
function rotateImages(ctx) {
	const uploads = ctx.files.filter((file) => /^file(_\d+)?$/.test(file.field)).map((file) => file.field);
	if (uploads.length === 0) uploads.push('body');
	return uploads;
}

const rotatecaptcha = {
	key: 'rotatecaptcha',
	category: 'image',
	price: 0.001,
	check(ctx) {
		ctx.imageCount = 0;
		for (const field of rotateImages(ctx)) {
			const error = checks.requireImage(ctx, [field]);
			if (error) return error;
			ctx.imageCount++;
		}
		return firstError(() => checks.checkIntegers(ctx.params, { angle: [1, 180] }), () => optionalInstructions(ctx));
	},
	answer(ctx) {
		const step = Number(ctx.params.angle) || 40;
		// A non-zero multiple of the step; past half a turn it may be given counter-clockwise (negative), as in 40|200|-120.
		const angle = () => {
			const clockwise = step * ctx.rng.int(1, Math.max(1, Math.ceil(360 / step) - 1));
			return clockwise > 180 && ctx.rng.chance(0.5) ? clockwise - 360 : clockwise;
		};
		return { value: Array.from({ length: ctx.imageCount }, angle).join('|') };
	},
};

const boundingBox = {
	key: 'bounding_box',
	category: 'image',
	price: 0.001,
	check: (ctx) =>
		firstError(
			() => checks.requireImage(ctx, ['image']),
			() => checks.requireInstruction(ctx),
			() => optionalInstructions(ctx),
			() => checks.checkIntegers(ctx.params, { can_no_answer: [0, 1] }),
		),
	answer(ctx) {
		if (noMatch(ctx)) return { value: 'No_matching_images' };
		const { width, height } = sizeOf(ctx);
		const box = () => {
			const [xMin, xMax] = [ctx.rng.int(0, width - 2), ctx.rng.int(0, width - 1)].sort((a, b) => a - b);
			const [yMin, yMax] = [ctx.rng.int(0, height - 2), ctx.rng.int(0, height - 1)].sort((a, b) => a - b);
			return { xMin, xMax: Math.max(xMax, xMin + 1), yMin, yMax: Math.max(yMax, yMin + 1) };
		};
		return { value: JSON.stringify(Array.from({ length: ctx.rng.int(1, 2) }, box)) };
	},
};

const audio = {
	key: 'audio',
	category: 'image',
	price: 0.0005,
	check(ctx) {
		const upload = checks.readUpload(ctx, ['body']);
		if (!upload) return BAD;
		if (upload.error) return upload.error;
		return firstError(
			() => checkAudio(upload.data, AUDIO_MAX_BYTES),
			() => (present(ctx.params.lang) && AUDIO_LANGUAGES.includes(String(ctx.params.lang).trim()) ? null : BAD),
		);
	},
	answer: ({ rng }) => ({ value: answers.spokenText(rng) }),
};

module.exports = { normal, grid, canvas, coordinates, textcaptcha, rotatecaptcha, bounding_box: boundingBox, audio };
