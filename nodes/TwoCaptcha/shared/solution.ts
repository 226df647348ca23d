import type { INodeProperties } from 'n8n-workflow';

import { captchaMethods, getMethod } from '../catalogue';
import { guessAnswerShape } from '../catalogue/parsers';
import type { ParsedAnswer, RawAnswer } from '../catalogue/types';

/** "Parse As" value that guesses the shape instead of using a catalogue method's parser. */
export const AUTO_PARSE = 'auto';

/**
 * Auto: JSON answers become objects, `click:` / `canvas:` / `coordinates:` answers become cells or points,
 * anything else stays the text it is (the catalogue's guessAnswerShape, shared with Custom Method's Answer As);
 * the answer's extra fields (useragent, cookies ...) are kept as sent. Never throws.
 */
export function parseAuto(answer: RawAnswer): ParsedAnswer {
	const extras = Object.keys(answer.extra).length > 0 ? { ...answer.extra } : undefined;
	return { solution: guessAnswerShape(answer.request), ...(extras ? { extras } : {}) };
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

const PARSE_AS_VALUES = new Set(parseAsOptions().map((option) => option.value));

/** Whether `value` is one of the "Parse As" choices (an expression can yield anything). */
export function isParseAs(value: unknown): value is string {
	return typeof value === 'string' && PARSE_AS_VALUES.has(value);
}

/** The "Parse As" field of both nodes (Task → Get Result(s), the trigger's Options); `description` says what keeps the raw answer. */
export function parseAsField(description: string): INodeProperties {
	return {
		displayName: 'Parse As',
		name: 'parseAs',
		type: 'options',
		default: AUTO_PARSE,
		options: parseAsOptions(),
		description,
	};
}
