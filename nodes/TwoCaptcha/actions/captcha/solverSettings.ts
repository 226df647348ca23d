/**
 * The Solver Settings as the solve reads them: bounds, and the one parse of an item's settings. Which settings a
 * mode applies is the mode's (modes/); the editor's Solver Settings collection is solverSettingsProperty.ts.
 */
import { excerpt } from '../../transport/redact';
import { FieldError } from '../../catalogue/toRequest';
import type { MethodTimings } from '../../catalogue/types';

/** A setting's bounds: `zeroIsDefault` lets 0 (the method default) below `min`. */
export interface SettingBounds {
	label: string;
	min: number;
	max: number;
	integer?: boolean;
	zeroIsDefault?: boolean;
}

/**
 * The bounds of every setting, one table for the UI and the check. Durations stay far below what a Node timer
 * holds (2^31 ms, about 24.8 days); 0 means "the method default".
 */
export const SETTING_BOUNDS = {
	firstPollSeconds: { label: 'First Poll After (Seconds)', min: 0, max: 600 },
	pollIntervalSeconds: { label: 'Poll Interval (Seconds)', min: 1, max: 300, zeroIsDefault: true },
	timeoutSeconds: { label: 'Timeout (Seconds)', min: 0, max: 3600 },
	maxInFlight: { label: 'Max In Flight', min: 1, max: 1000, integer: true },
	unsolvableRetries: { label: 'Retries When Unsolvable', min: 0, max: 5, integer: true },
	maxCaptchasPerExecution: { label: 'Max Captchas Per Execution', min: 0, max: 1_000_000, integer: true },
} as const;

/** Max Captchas Per Execution when a tool call leaves it unset: a loop in an agent stops after this many. */
export const TOOL_MAX_CAPTCHAS_DEFAULT = 10;

/** Settings of one item. */
export interface SolverSettings {
	firstPollMs: number;
	pollIntervalMs: number;
	timeoutMs: number;
	includeRawAnswer: boolean;
}

/** Settings of the whole run: read once, from the first item, and carried. */
export interface RunSettings {
	unsolvableRetries: number;
	maxInFlight: number;
	/** Max Captchas Per Execution; 0 = no cap. */
	maxCaptchas: number;
}

type SettingName = keyof typeof SETTING_BOUNDS;

/** A number typed, from an expression, or as numeric text; unset is `fallback`; anything else names the field. */
export function settingNumber(raw: Record<string, unknown>, name: SettingName, fallback: number): number {
	const bounds: SettingBounds = SETTING_BOUNDS[name];
	const value = raw[name];
	if (value === undefined || value === null || (typeof value === 'string' && value.trim() === '')) return fallback;
	const number = typeof value === 'number' ? value : typeof value === 'string' ? Number(value.trim()) : NaN;
	const range = `${bounds.integer ? 'a whole number' : 'a number'} from ${bounds.min} to ${bounds.max}${bounds.zeroIsDefault ? ', or 0 for the method default' : ''}`;
	const ok =
		Number.isFinite(number) &&
		(!bounds.integer || Number.isInteger(number)) &&
		((bounds.zeroIsDefault && number === 0) || (number >= bounds.min && number <= bounds.max));
	if (!ok) throw new FieldError(bounds.label, `must be ${range} (got ${shown(value)})`);
	return number;
}

function shown(value: unknown): string {
	if (typeof value === 'string') return `"${excerpt(value)}"`;
	if (typeof value === 'number') return String(value);
	return Array.isArray(value) ? 'a list' : typeof value;
}

/** Settings of one item: what the user set, else the method's defaults from the catalogue. */
export function resolveSettings(raw: Record<string, unknown>, defaults: MethodTimings): SolverSettings {
	const seconds = (name: SettingName, fallback: number) => (settingNumber(raw, name, 0) || fallback) * 1000;
	const includeRawAnswer = raw.includeRawAnswer ?? false;
	if (typeof includeRawAnswer !== 'boolean') throw new FieldError('Include Raw Answer', 'must be true or false');
	return {
		firstPollMs: seconds('firstPollSeconds', defaults.firstPollSec),
		pollIntervalMs: seconds('pollIntervalSeconds', defaults.pollIntervalSec),
		timeoutMs: seconds('timeoutSeconds', defaults.timeoutSec),
		includeRawAnswer,
	};
}

/**
 * The run-wide settings, from the first item's settings, checked like every setting. Max Captchas Per Execution
 * left unset is no cap in a workflow and TOOL_MAX_CAPTCHAS_DEFAULT in an AI tool call.
 */
export function resolveRunSettings(raw: Record<string, unknown>, { inToolCall = false } = {}): RunSettings {
	return {
		maxInFlight: settingNumber(raw, 'maxInFlight', SETTING_BOUNDS.maxInFlight.max),
		unsolvableRetries: settingNumber(raw, 'unsolvableRetries', 0),
		maxCaptchas: settingNumber(raw, 'maxCaptchasPerExecution', inToolCall ? TOOL_MAX_CAPTCHAS_DEFAULT : 0),
	};
}
