/** Running catalogue answer parsers in tests. */
import { AnswerParseError } from '../../nodes/TwoCaptcha/transport/errors';
import type { AnswerParser } from '../../nodes/TwoCaptcha/catalogue/types';

/** Runs a parser on a `request` value (and optional extra fields), as the engine would. */
export const runParser = (parser: AnswerParser, request: unknown, extra: Record<string, unknown> = {}) => parser({ request, extra });

/** Asserts the parser throws an AnswerParseError that keeps the whole answer (and quotes `messagePart`). */
export function expectParseError(parser: AnswerParser, request: unknown, messagePart = ''): AnswerParseError {
	let caught: unknown;
	try {
		runParser(parser, request);
	} catch (error) {
		caught = error;
	}
	expect(caught).toBeInstanceOf(AnswerParseError);
	const error = caught as AnswerParseError;
	expect(error.message).toContain(messagePart);
	expect(error.raw).toBe(request);
	return error;
}
