import { captchaMethods, getMethod } from '../catalogue';
import { parseCanvas, parseCoordinates, parseGrid } from '../catalogue/parsers';
import type { AnswerParser, ParsedAnswer, RawAnswer } from '../catalogue/types';

/** "Parse As" value that guesses the shape instead of using a catalogue method's parser. */
export const AUTO_PARSE = 'auto';

/** Answers whose text announces their shape, whatever the method was. */
const PREFIXED_SHAPES: Array<[RegExp, AnswerParser]> = [
	[/^click:/i, parseGrid],
	[/^canvas:/i, parseCanvas],
	[/^coordinates?:/i, parseCoordinates],
];

/** `{...}` or `[...]` text (object answers arrive JSON-encoded in multi-get strings and pingbacks). */
export function decodeJsonAnswer(request: unknown): unknown {
	if (typeof request !== 'string') return request;
	const text = request.trim();
	if (!/^[[{]/.test(text)) return request;
	try {
		return JSON.parse(text) as unknown;
	} catch {
		return request;
	}
}

/**
 * Auto: JSON answers become objects, `click:` / `canvas:` / `coordinates:` answers become cells or points,
 * anything else stays the text it is; the answer's extra fields (useragent, cookies ...) are kept as sent.
 * Never throws: an answer that does not fit its prefix stays raw.
 */
export function parseAuto(answer: RawAnswer): ParsedAnswer {
	const extras = Object.keys(answer.extra).length > 0 ? { ...answer.extra } : undefined;
	return { solution: guessShape(answer), ...(extras ? { extras } : {}) };
}

function guessShape(answer: RawAnswer): unknown {
	const request = decodeJsonAnswer(answer.request);
	if (typeof request !== 'string') return request;
	const shape = PREFIXED_SHAPES.find(([prefix]) => prefix.test(request.trim()));
	if (!shape) return request;
	try {
		return shape[1]({ request, extra: {} }).solution;
	} catch {
		return request; // not that shape after all: a text answer that happens to start like one
	}
}

/** Parses an answer as `parseAs` (a catalogue method value, or AUTO_PARSE); a method's parser may throw. */
export function toSolution(answer: RawAnswer, parseAs: string): ParsedAnswer {
	if (parseAs === AUTO_PARSE) return parseAuto(answer);
	const method = getMethod(parseAs);
	if (!method) throw new Error(`Unknown captcha type "${parseAs}" in "Parse As"`);
	return method.parse(answer);
}

/** The "Parse As" choices: Auto first, then every catalogue method by name. */
export function parseAsOptions() {
	return [
		{
			name: 'Auto (JSON, Clicks or Text)',
			value: AUTO_PARSE,
			description: 'JSON answers as objects, click/coordinate answers as lists, anything else as text',
		},
		...captchaMethods.map((m) => ({ name: m.name, value: m.value, description: `Parse as a ${m.name} answer` })),
	];
}
