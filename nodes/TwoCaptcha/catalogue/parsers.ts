/**
 * Answer parsers: turn a res.php answer into the most useful shape for a workflow.
 *
 * `request` arrives as the JSON answer's `request` (a string for most methods, an object for
 * Geetest, Capy, Amazon WAF ...) or as the text after `OK|` of a plain/multi-get answer; object
 * answers may therefore also arrive JSON-encoded in a string. Every parser accepts both.
 *
 * Policy for input that does not have the promised shape: parsers whose answer IS the data
 * (tokens, text) never fail on content. Structured parsers (grid, canvas, coordinates, rotate,
 * JSON objects, bounding boxes, DataDome) throw an AnswerParseError: its message holds a short
 * excerpt, its `raw` property the complete answer, so nothing the service returned is lost.
 * Optional extras that do not parse (reCAPTCHA cookies) are kept raw instead of failing the token.
 */
import { AnswerParseError } from '../transport/errors';
import type { AnswerParser, ParsedAnswer } from './types';
import { isRecord } from '../lib/isRecord';

/** The answer a worker gives with can_no_answer=1 when nothing matches. */
export const NO_MATCHING_IMAGES = 'No_matching_images';

/** The answer as a string: strings as they are, numbers written out (a numeric captcha may come as 1234). */
function answerText(request: unknown, what: string): string {
	if (typeof request === 'string') return request;
	if (typeof request === 'number' || typeof request === 'bigint') return String(request);
	throw new AnswerParseError(`Expected ${what} as text`, request);
}

/** Removes an optional `prefix:` such as `click:`; the service sometimes omits it. */
function withoutPrefix(text: string, prefix: RegExp): string {
	return text.trim().replace(prefix, '').trim();
}

function isNoMatch(request: unknown): boolean {
	return typeof request === 'string' && request.trim().toLowerCase() === NO_MATCHING_IMAGES.toLowerCase();
}

function finiteNumber(text: string): number | undefined {
	if (text.trim() === '') return undefined;
	const number = Number(text);
	return Number.isFinite(number) ? number : undefined;
}

// --- strings ---

/** Normal, Text and Audio answers: the text exactly as the worker typed it. */
export const parseText: AnswerParser = ({ request }) => ({ solution: answerText(request, 'a text answer') });

/** Token answers (trimmed; FunCaptcha and KeyCaptcha tokens legitimately contain '|'). */
export const parseToken: AnswerParser = ({ request }) => ({
	solution: answerText(request, 'a token').trim(),
});

/** reCAPTCHA: the token, plus the worker's cookies when the service returns them (json=1). */
export const parseRecaptcha: AnswerParser = (answer) => {
	const parsed = parseToken(answer);
	const cookies = answer.extra.cookies;
	if (!isSetExtra(cookies)) return parsed;
	return { ...parsed, extras: { cookies: typeof cookies === 'string' ? parseCookiePairs(cookies) : cookies } };
};

/** Turnstile: the token, plus the User-Agent the token is bound to (challenge pages require it). */
export const parseTurnstile: AnswerParser = (answer) => {
	const parsed = parseToken(answer);
	const userAgent = answer.extra.useragent ?? answer.extra.userAgent;
	return typeof userAgent === 'string' && userAgent.trim() !== ''
		? { ...parsed, extras: { userAgent } }
		: parsed;
};

function isSetExtra(value: unknown): boolean {
	return value !== undefined && value !== null && value !== '';
}

/**
 * `KEY1:Value1;KEY2:Value2;` (the spec's cookie format) or `k=v; k2=v2` → { KEY1: 'Value1', ... }.
 * Keys never contain ':' or '=', values may. A string that is not made of such pairs is returned as is.
 */
export function parseCookiePairs(text: string): Record<string, string> | string {
	const cookies: Record<string, string> = {};
	for (const pair of text.split(';')) {
		if (pair.trim() === '') continue;
		const match = /^\s*([^:=\s]+)\s*[:=](.*)$/.exec(pair);
		if (!match) return text;
		cookies[match[1]] = match[2].trim();
	}
	return Object.keys(cookies).length > 0 ? cookies : text;
}

// --- clicks on images ---

/** Cell numbers, points or boxes, with `noMatchingImages` telling an empty answer from a missing one. */
const clickAnswer = (solution: unknown[], noMatchingImages = false): ParsedAnswer => ({
	solution,
	extras: { noMatchingImages },
});

/** Grid: `click:3/8/9` → [3, 8, 9] (cells numbered from 1, left to right, top to bottom). */
export const parseGrid: AnswerParser = ({ request }) => {
	if (isNoMatch(request)) return clickAnswer([], true);
	const body = withoutPrefix(answerText(request, 'a grid answer'), /^click:/i);
	const cells = body === '' ? [] : body.split('/').map(finiteNumber);
	if (cells.some((cell) => cell === undefined || !Number.isInteger(cell) || cell < 1)) {
		throw new AnswerParseError('Grid answer is not "click:<cell>/<cell>/..."', request);
	}
	return clickAnswer(cells);
};

export interface Point {
	x: number;
	y: number;
}

/** Canvas: `canvas:x,y,x,y;x,y,...;` → one polygon of points per area, [[{x, y}, ...], ...]. */
export const parseCanvas: AnswerParser = ({ request }) => {
	if (isNoMatch(request)) return clickAnswer([], true);
	const body = withoutPrefix(answerText(request, 'a canvas answer'), /^canvas:/i);
	const areas = body
		.split(';')
		.filter((area) => area.trim() !== '')
		.map((area) => toPoints(area.split(',').map(finiteNumber)));
	if (areas.some((area) => area === undefined)) {
		throw new AnswerParseError('Canvas answer is not "canvas:x,y,x,y,...;x,y,...;"', request);
	}
	return clickAnswer(areas);
};

function toPoints(numbers: Array<number | undefined>): Point[] | undefined {
	const valid = numbers.filter((n): n is number => n !== undefined);
	if (valid.length !== numbers.length || valid.length % 2 !== 0) return undefined;
	return Array.from({ length: valid.length / 2 }, (_, i) => ({ x: valid[2 * i], y: valid[2 * i + 1] }));
}

const COORDINATE = /^x=(-?[\d.]+),\s*y=(-?[\d.]+)$/i;

/** Coordinates: `coordinate:x=39,y=59;x=252,y=72` → [{x: 39, y: 59}, {x: 252, y: 72}] (0,0 = top left). */
export const parseCoordinates: AnswerParser = ({ request }) => {
	if (isNoMatch(request)) return clickAnswer([], true);
	// With json=1 the service may send the points as an array of {x, y} (numbers or numeric strings).
	if (Array.isArray(request)) {
		const points = request.map((point: { x?: unknown; y?: unknown }) => ({
			x: finiteNumber(String(point?.x ?? '')),
			y: finiteNumber(String(point?.y ?? '')),
		}));
		if (points.some((point) => point.x === undefined || point.y === undefined)) {
			throw new AnswerParseError('Coordinates answer is not a list of {x, y}', request);
		}
		return clickAnswer(points as Array<{ x: number; y: number }>);
	}
	const body = withoutPrefix(answerText(request, 'a coordinates answer'), /^coordinates?:/i);
	const points = body
		.split(';')
		.filter((point) => point.trim() !== '')
		.map((point) => {
			const match = COORDINATE.exec(point.trim());
			const x = match ? finiteNumber(match[1]) : undefined;
			const y = match ? finiteNumber(match[2]) : undefined;
			return x === undefined || y === undefined ? undefined : { x, y };
		});
	if (points.some((point) => point === undefined)) {
		throw new AnswerParseError('Coordinates answer is not "coordinate:x=<x>,y=<y>;..."', request);
	}
	return clickAnswer(points);
};

/** Bounding boxes: JSON array of {xMin, xMax, yMin, yMax} (as a string or already parsed). */
export const parseBoundingBoxes: AnswerParser = ({ request }) => {
	if (isNoMatch(request)) return clickAnswer([], true);
	const boxes = typeof request === 'string' ? parseJson(request) : request;
	const isBox = (box: unknown) =>
		isRecord(box) && ['xMin', 'xMax', 'yMin', 'yMax'].every((key) => typeof box[key] === 'number');
	if (!Array.isArray(boxes) || !boxes.every(isBox)) {
		throw new AnswerParseError('Bounding box answer is not a JSON array of {xMin, xMax, yMin, yMax}', request);
	}
	return clickAnswer(boxes);
};

/**
 * Rotate: the angle for each image, clockwise when positive. The plain answer `OK|40|200|-120`
 * reaches the parser as `40|200|-120`; a JSON answer may carry that string or a single number.
 */
export const parseRotate: AnswerParser = ({ request }) => {
	const angles = Array.isArray(request)
		? request.map((angle) => finiteNumber(String(angle)))
		: withoutPrefix(answerText(request, 'rotation angles'), /^OK\|/i)
				.split('|')
				.map(finiteNumber);
	if (angles.some((angle) => angle === undefined)) {
		throw new AnswerParseError('Rotate answer is not "<angle>|<angle>|..."', request);
	}
	return { solution: angles };
};

// --- JSON objects ---

function parseJson(text: string): unknown {
	try {
		return JSON.parse(text);
	} catch {
		return undefined;
	}
}

/**
 * Object answers, kept with the service's own key names (they go back to the target site as is).
 * Throws when the answer is not an object or lacks one of `requiredKeys`.
 */
export const jsonObjectParser =
	(captcha: string, requiredKeys: readonly string[]): AnswerParser =>
	({ request }) => {
		const object = typeof request === 'string' ? parseJson(request) : request;
		if (!isRecord(object)) throw new AnswerParseError(`${captcha} answer is not a JSON object`, request);
		const missing = requiredKeys.filter((key) => !(key in object));
		if (missing.length > 0) {
			throw new AnswerParseError(`${captcha} answer lacks ${missing.join(', ')}`, request);
		}
		return { solution: object };
	};

export const parseGeetest = jsonObjectParser('Geetest', ['challenge', 'validate', 'seccode']);
export const parseGeetestV4 = jsonObjectParser('Geetest v4', [
	'captcha_id',
	'lot_number',
	'pass_token',
	'gen_time',
	'captcha_output',
]);
export const parseCapy = jsonObjectParser('Capy', ['captchakey', 'challengekey', 'answer']);
export const parseLemin = jsonObjectParser('Lemin', ['answer', 'challenge_id']);
export const parseAmazonWaf = jsonObjectParser('Amazon WAF', ['captcha_voucher', 'existing_token']);
export const parseTencent = jsonObjectParser('Tencent', ['ticket', 'randstr']);

// --- cookies ---

export interface Cookie {
	name: string;
	value: string;
	/** Cookie attributes in camelCase: maxAge, domain, path, sameSite ...; flags such as secure are true. */
	attributes: Record<string, string | true>;
}

/**
 * DataDome: `datadome=<value>; Max-Age=31536000; Domain=.example.com; Path=/; Secure; SameSite=Lax`.
 * The solution is the cookie string as received (ready for a Cookie/Set-Cookie header);
 * extras.cookie holds its parts for browser automation tools that take name/value/domain.
 */
export const parseDataDome: AnswerParser = ({ request }) => {
	const text = answerText(request, 'a DataDome cookie').trim();
	const [first, ...attributes] = text.split(';');
	const separator = first.indexOf('=');
	if (separator < 1) throw new AnswerParseError('DataDome answer is not a "name=value; ..." cookie', request);
	const cookie: Cookie = {
		name: first.slice(0, separator).trim(),
		value: first.slice(separator + 1).trim(),
		attributes: {},
	};
	for (const attribute of attributes) {
		const [key, ...rest] = attribute.split('=');
		if (key.trim() === '') continue;
		cookie.attributes[camelCase(key.trim())] = rest.length > 0 ? rest.join('=').trim() : true;
	}
	return { solution: text, extras: { cookie } };
};

/** `Max-Age` → `maxAge`, `SameSite` → `sameSite`. */
function camelCase(name: string): string {
	const joined = name
		.split('-')
		.map((part) => part.charAt(0).toUpperCase() + part.slice(1))
		.join('');
	return joined.charAt(0).toLowerCase() + joined.slice(1);
}

// --- Drag and Drop ---

const PAIR = /^(-?\d+(?:\.\d+)?)\s*,\s*(-?\d+(?:\.\d+)?)$/;

/** `x,y` → {x, y}, or undefined when the text is not two numbers separated by a comma. */
function pairPoint(text: string): Point | undefined {
	const match = PAIR.exec(text.trim());
	return match ? { x: Number(match[1]), y: Number(match[2]) } : undefined;
}

/**
 * Drag and Drop: `x,y|null|x,y`, one entry per draggable image in the order sent → [{x, y}, null, {x, y}].
 * `null` means "leave this image where it is"; it is never turned into 0,0.
 */
export const parseDragDrop: AnswerParser = ({ request }) => {
	const text = answerText(request, 'a drag and drop answer').trim();
	const entries = text === '' ? [undefined] : text.split('|').map((entry) => (entry.trim().toLowerCase() === 'null' ? null : pairPoint(entry)));
	if (entries.some((entry) => entry === undefined)) {
		throw new AnswerParseError('Drag and drop answer is not "x,y|null|x,y|..."', request);
	}
	return { solution: entries };
};

// --- answers whose API v1 format 2Captcha has not documented ---

/**
 * Methods known from 2Captcha's client libraries only (Temu, VK, TSPD, the newer token methods): the v1 answer
 * format is not documented. Their parsers accept only the forms the sources make plausible, keep the answer as
 * received in `rawAnswer`, and throw an AnswerParseError (the whole answer in `raw`) for any other form, so a
 * `solution` is never a guess.
 */
const unconfirmed =
	(parse: (request: unknown, extra: Record<string, unknown>) => ParsedAnswer): AnswerParser =>
	({ request, extra }) => {
		const parsed = parse(request, extra);
		return { solution: parsed.solution, extras: { ...parsed.extras, rawAnswer: request } };
	};

/** `{...}` / `[...]` text parsed; other values as they are. Undefined for text that starts like JSON but is not. */
function jsonOrValue(request: unknown): unknown {
	if (typeof request !== 'string' || !/^\s*[[{]/.test(request)) return request;
	return parseJson(request.trim());
}

const CONTROL_CHARACTER = /\p{Cc}/u;

function userAgentExtra(...sources: unknown[]): Record<string, unknown> {
	for (const source of sources) {
		if (!isRecord(source)) continue;
		const userAgent = source.useragent ?? source.userAgent;
		if (typeof userAgent === 'string' && userAgent.trim() !== '') return { userAgent };
	}
	return {};
}

/**
 * Token methods (VK Captcha, Yandex, ALTCHA, Binance, Yidun, Alibaba, Basilisk, Hunt): the token as text, or an
 * object whose `token` is text (API v2's shape). A User-Agent the answer names (a top-level `useragent` field, as
 * Turnstile's, or one inside the object) comes out as `userAgent`.
 */
export const parseUnconfirmedToken: AnswerParser = unconfirmed((request, extra) => {
	const value = jsonOrValue(request);
	const token = isRecord(value) ? value.token : typeof value === 'number' && Number.isFinite(value) ? String(value) : value;
	if (typeof token !== 'string' || token.trim() === '' || CONTROL_CHARACTER.test(token.trim())) {
		throw new AnswerParseError('Expected a token (text, or an object with a "token" text)', request);
	}
	return { solution: token.trim(), extras: userAgentExtra(extra, value) };
});

/** A list of {x, y} (numbers or numeric text), or undefined. */
function pointList(list: unknown[]): Point[] | undefined {
	const points = list.map((point) =>
		isRecord(point) ? { x: finiteNumber(String(point.x ?? '')), y: finiteNumber(String(point.y ?? '')) } : undefined,
	);
	return points.every((point) => point?.x !== undefined && point.y !== undefined) ? (points as Point[]) : undefined;
}

/**
 * Temu: where each piece goes, as {x, y}[]. Accepted: a list of {x, y}, an object with such a `coordinates` list
 * (API v2's shape), `x,y|x,y|...` (or `;`-separated) and the coordinates method's `coordinate:x=..,y=..;...`.
 */
export const parseUnconfirmedPoints: AnswerParser = unconfirmed((request) => {
	const value = jsonOrValue(request);
	const list = isRecord(value) && Array.isArray(value.coordinates) ? value.coordinates : value;
	let points: Point[] | undefined;
	if (Array.isArray(list) && list.length > 0) points = pointList(list);
	else if (typeof list === 'string' && /x\s*=/i.test(list)) {
		try {
			points = parseCoordinates({ request: list, extra: {} }).solution as Point[];
		} catch {
			points = undefined;
		}
	} else if (typeof list === 'string' && list.trim() !== '') {
		const pairs = list.trim().split(/[|;]/).filter((pair) => pair.trim() !== '').map(pairPoint);
		points = pairs.length > 0 && pairs.every((point) => point !== undefined) ? (pairs as Point[]) : undefined;
	}
	if (!points || points.length === 0) {
		throw new AnswerParseError('Expected coordinates ({x, y} list, or "x,y|x,y|...")', request);
	}
	return { solution: points };
});

/**
 * VK Image (best step and the value for VK's API) and TSPD (cookies): a JSON object (TSPD: or list), kept with the
 * service's own keys, whatever they are.
 */
const unconfirmedJsonParser = (captcha: string, allowList = false): AnswerParser =>
	unconfirmed((request) => {
		const value = jsonOrValue(request);
		if (!isRecord(value) && !(allowList && Array.isArray(value))) {
			throw new AnswerParseError(`Expected ${captcha} answer as a JSON ${allowList ? 'object or list' : 'object'}`, request);
		}
		return { solution: value };
	});

export const parseVkImage = unconfirmedJsonParser('a VK image');
export const parseTspd = unconfirmedJsonParser('a TSPD', true);

// --- Custom Method: Answer As ---

/** Extra fields of the answer (useragent, cookies ...) under one key, so none can replace captchaId or solution. */
function customExtras(request: unknown, extra: Record<string, unknown>): Record<string, unknown> {
	return { rawAnswer: request, ...(Object.keys(extra).length > 0 ? { extra: { ...extra } } : {}) };
}

/** Answer As Text: the answer as text; an object answer as its JSON text. */
export const parseCustomText: AnswerParser = ({ request, extra }) => ({
	solution: typeof request === 'string' ? request : (JSON.stringify(request) ?? String(request)),
	extras: customExtras(request, extra),
});

/** Answer As JSON: an object or list (sent as such or as JSON text); anything else is an AnswerParseError. */
export const parseCustomJson: AnswerParser = ({ request, extra }) => {
	const value = jsonOrValue(request);
	if (!isRecord(value) && !Array.isArray(value)) throw new AnswerParseError('Expected a JSON object or list (Answer As: JSON)', request);
	return { solution: value, extras: customExtras(request, extra) };
};

/** `{...}` or `[...]` text (object answers arrive JSON-encoded in multi-get strings and pingbacks). */
function decodeJsonAnswer(request: unknown): unknown {
	const value = jsonOrValue(request);
	return value === undefined ? request : value;
}

/** Answers whose text announces their shape, whatever the method was. */
const PREFIXED_SHAPES: Array<[RegExp, AnswerParser]> = [
	[/^click:/i, parseGrid],
	[/^canvas:/i, parseCanvas],
	[/^coordinates?:/i, parseCoordinates],
];

/** JSON as objects, `click:` / `canvas:` / `coordinates:` as cells or points, anything else as the text it is. Never throws. */
export function guessAnswerShape(request: unknown): unknown {
	const value = decodeJsonAnswer(request);
	if (typeof value !== 'string') return value;
	const shape = PREFIXED_SHAPES.find(([prefix]) => prefix.test(value.trim()));
	if (!shape) return value;
	try {
		return shape[1]({ request: value, extra: {} }).solution;
	} catch {
		return value; // not that shape after all: a text answer that happens to start like one
	}
}

/** Answer As Auto: the shape guessed (see guessAnswerShape), never an error. */
export const parseCustomAuto: AnswerParser = ({ request, extra }) => ({
	solution: guessAnswerShape(request),
	extras: customExtras(request, extra),
});
