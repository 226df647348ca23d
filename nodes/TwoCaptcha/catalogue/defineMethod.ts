/**
 * Builds a catalogue entry from its declaration and enforces the conventions every entry shares,
 * so a method file only states what the spec says about that method:
 * - options are sorted by display name (n8n lists collection options alphabetically);
 * - `rules` become `validate`, reporting the first failing rule.
 */
import type { CaptchaMethod } from './types';
import { firstError, type ParamRule } from './validators';

export interface MethodDeclaration extends Omit<CaptchaMethod, 'validate'> {
	/** Cross-field rules the spec states, checked in order. */
	rules?: ParamRule[];
}

export function defineMethod({ rules = [], ...entry }: MethodDeclaration): CaptchaMethod {
	const options = [...entry.options].sort((a, b) => a.displayName.localeCompare(b.displayName, 'en'));
	const method: CaptchaMethod = { ...entry, options };
	if (rules.length > 0) method.validate = (params) => firstError(rules, params);
	return method;
}
