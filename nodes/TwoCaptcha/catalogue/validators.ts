/**
 * Cross-field rules the spec states, composed into an entry's `validate`.
 *
 * Every rule reads the in.php parameters about to be sent, keyed by the spec's parameter name
 * (`min_len`, `textinstructions` ...), uploads included under their param name (`imginstructions`)
 * whether they travel as base64 or as a file. Unset parameters are absent, '' or false.
 * A rule returns an error message naming the UI field, or undefined when the parameters pass.
 */

export type Params = Record<string, unknown>;
export type ParamRule = (params: Params) => string | undefined;

export function isSet(value: unknown): boolean {
	if (value === undefined || value === null || value === false) return false;
	if (typeof value === 'string') return value.trim() !== '';
	return true;
}

/** A positive number given as number or numeric string; 0 means "not specified" for the spec's limits. */
function positiveNumber(value: unknown): number | undefined {
	if (!isSet(value)) return undefined;
	const number = Number(value);
	return Number.isFinite(number) && number > 0 ? number : undefined;
}

/** Runs the rules in order and reports the first failure. */
export function firstError(rules: ParamRule[], params: Params): string | undefined {
	for (const rule of rules) {
		const error = rule(params);
		if (error) return error;
	}
	return undefined;
}

/** At least one of the parameters must be set, e.g. textinstructions or imginstructions. */
export const oneOf =
	(params: string[], message: string): ParamRule =>
	(values) =>
		params.some((param) => isSet(values[param])) ? undefined : message;

/** When `param` is set, `needed` must be set too. */
export const requires =
	(param: string, needed: string, message: string): ParamRule =>
	(values) =>
		isSet(values[param]) && !isSet(values[needed]) ? message : undefined;

/** A lower limit may not exceed its upper limit when both are given (0 = not specified). */
export const notAbove =
	(lowParam: string, highParam: string, message: string): ParamRule =>
	(values) => {
		const low = positiveNumber(values[lowParam]);
		const high = positiveNumber(values[highParam]);
		return low !== undefined && high !== undefined && low > high ? message : undefined;
	};

/** Grid: neither click limit may exceed the number of cells when rows and columns are both given. */
export const clicksWithinGrid: ParamRule = (values) => {
	const rows = positiveNumber(values.recaptcharows);
	const cols = positiveNumber(values.recaptchacols);
	if (rows === undefined || cols === undefined) return undefined;
	const cells = rows * cols;
	for (const [param, label] of [
		['min_clicks', 'Min Clicks'],
		['max_clicks', 'Max Clicks'],
	]) {
		const clicks = positiveNumber(values[param]);
		if (clicks !== undefined && clicks > cells) {
			return `${label} (${clicks}) cannot exceed Rows × Columns (${rows} × ${cols} = ${cells})`;
		}
	}
	return undefined;
};

/** Exactly one of the parameters must be set (ALTCHA: the challenge URL or its JSON, not both). */
export const exactlyOne =
	(params: string[], message: string): ParamRule =>
	(values) =>
		params.filter((param) => isSet(values[param])).length === 1 ? undefined : message;

/** When set, the parameter must match `pattern` (checked on the trimmed text). */
export const matches =
	(param: string, pattern: RegExp, message: string): ParamRule =>
	(values) =>
		isSet(values[param]) && !pattern.test(String(values[param]).trim()) ? message : undefined;

/** A host name without scheme, port or path, e.g. `c.dun.163.com`. */
export const HOST_NAME = /^(?=.{1,253}$)(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)*[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/;

/** Standard base64, padded to whole 4-character groups (checked on the text without its whitespace). */
export const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** `name=value; name=value` (a Cookie header): at least one pair, every pair with a name. */
export const COOKIE_HEADER = /^\s*[^=;\s]+=[^;]*(?:;\s*[^=;\s]+=[^;]*)*;?\s*$/;

/** When set, the parameter must be JSON text of a non-empty list of whole numbers (VK's `steps`). */
export const integerList =
	(param: string, message: string): ParamRule =>
	(values) => {
		if (!isSet(values[param])) return undefined;
		let list: unknown;
		try {
			list = JSON.parse(String(values[param]));
		} catch {
			return message;
		}
		return Array.isArray(list) && list.length > 0 && list.every((n) => Number.isInteger(n)) ? undefined : message;
	};

/** All text parameters together, uploads included, stay within `max` characters (Custom Method). */
export const totalLengthAtMost =
	(max: number, message: string): ParamRule =>
	(values) => {
		const total = Object.values(values).reduce<number>((sum, value) => sum + (typeof value === 'string' ? value.length : 0), 0);
		return total > max ? message : undefined;
	};
