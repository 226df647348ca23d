import type { INodeProperties } from 'n8n-workflow';

import { excerpt } from '../../transport/redact';
import { FieldError } from '../../catalogue/toRequest';
import type { CaptchaMethod, MethodTimings } from '../../catalogue/types';
import { WAIT_FOR_PINGBACK } from './waitForPingback';
import { modesReading, SUBMIT_ONLY, WAIT_FOR_RESULT, type ModeName, type SolverSettingName } from './modes';

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

type Bounds = { label: string; min: number; max: number; integer?: boolean; zeroIsDefault?: boolean };
const limits = (name: keyof typeof SETTING_BOUNDS): Bounds => SETTING_BOUNDS[name];

/** What a setting means in the modes that read it: one text for all of them, or one per mode. */
type PerMode = string | Partial<Record<ModeName, string>>;

interface SettingUi {
	displayName: string;
	name: SolverSettingName;
	type: 'number' | 'boolean';
	default: number | boolean;
	description: PerMode;
	minValue?: number;
	maxValue?: number;
	/** 0 stands for the captcha type's own value of this timing: the hint shows it for the selected operation. */
	methodDefault?: keyof MethodTimings;
	hint?: string;
}

const RUN_WIDE = 'Applies to the whole run: read once, from the first item.';
const seconds = (name: keyof typeof SETTING_BOUNDS) => `${limits(name).min === 0 ? 'up to' : `from ${limits(name).min} to`} ${limits(name).max} s`;

const IN_FLIGHT_RANGE = `from ${limits('maxInFlight').min} to ${limits('maxInFlight').max}`;
const NEVER_HOLDS_BACK =
	"The default never holds items back: submissions are paced by 2Captcha's own limits and slowed down automatically on ERROR_NO_SLOT_AVAILABLE.";

/** The Solver Settings, sorted by display name; each shows in the modes of MODE_READS that read it. */
const SETTINGS: SettingUi[] = [
	{
		displayName: 'First Poll After (Seconds)',
		name: 'firstPollSeconds',
		type: 'number',
		default: 0,
		minValue: limits('firstPollSeconds').min,
		maxValue: limits('firstPollSeconds').max,
		methodDefault: 'firstPollSec',
		description: `How long after its submission an item's answer is first asked for, ${seconds('firstPollSeconds')}. 0 = the default of the captcha type.`,
	},
	{
		displayName: 'Include Raw Answer',
		name: 'includeRawAnswer',
		type: 'boolean',
		default: false,
		description: {
			[WAIT_FOR_RESULT]: 'Whether to add the unparsed answer from 2Captcha as `rawAnswer`',
			[WAIT_FOR_PINGBACK]: `Whether to add the unparsed answer from 2Captcha as \`rawAnswer\`. ${RUN_WIDE}`,
		},
	},
	{
		displayName: 'Max Captchas Per Execution',
		name: 'maxCaptchasPerExecution',
		type: 'number',
		default: 10,
		minValue: limits('maxCaptchasPerExecution').min,
		maxValue: limits('maxCaptchasPerExecution').max,
		hint: `Unset: no limit in a workflow, ${TOOL_MAX_CAPTCHAS_DEFAULT} when the node runs as an AI tool`,
		description: `Stop with an error, sending nothing, once this many captchas would be sent in one execution (every solve is paid), up to ${limits('maxCaptchasPerExecution').max}; 0 = no limit. Counts every run of this node in the execution, e.g. every tool call of one AI agent run.`,
	},
	{
		displayName: 'Max In Flight',
		name: 'maxInFlight',
		type: 'number',
		default: 1000, // SETTING_BOUNDS.maxInFlight.max (a test holds them equal): never holds items back
		minValue: limits('maxInFlight').min,
		maxValue: limits('maxInFlight').max,
		hint: RUN_WIDE,
		description: {
			[WAIT_FOR_RESULT]: `How many items of this run may be submitted and awaiting their answer at the same time, ${IN_FLIGHT_RANGE}. ${NEVER_HOLDS_BACK}`,
			[WAIT_FOR_PINGBACK]: `How many items of this run may be in submission at the same time, ${IN_FLIGHT_RANGE}. ${NEVER_HOLDS_BACK}`,
			[SUBMIT_ONLY]: `How many items of this run may be in submission at the same time, ${IN_FLIGHT_RANGE}. ${NEVER_HOLDS_BACK}`,
		},
	},
	{
		displayName: 'Poll Interval (Seconds)',
		name: 'pollIntervalSeconds',
		type: 'number',
		default: 0,
		minValue: 0,
		maxValue: limits('pollIntervalSeconds').max,
		methodDefault: 'pollIntervalSec',
		description: `Time between result checks of an item, ${seconds('pollIntervalSeconds')}. 0 = the default of the captcha type.`,
	},
	{
		displayName: 'Retries When Unsolvable',
		name: 'unsolvableRetries',
		type: 'number',
		default: 0,
		minValue: limits('unsolvableRetries').min,
		maxValue: limits('unsolvableRetries').max,
		hint: `0 = no retry. ${RUN_WIDE}`,
		description: `How many times to resubmit a captcha that 2Captcha reports as ERROR_CAPTCHA_UNSOLVABLE (those are not charged), up to ${limits('unsolvableRetries').max}`,
	},
	{
		displayName: 'Timeout (Seconds)',
		name: 'timeoutSeconds',
		type: 'number',
		default: 0,
		minValue: limits('timeoutSeconds').min,
		maxValue: limits('timeoutSeconds').max,
		methodDefault: 'timeoutSec',
		description: {
			[WAIT_FOR_RESULT]: `Give up on an item this long after its submission, ${seconds('timeoutSeconds')}. 0 = the default of the captcha type.`,
			[WAIT_FOR_PINGBACK]: `The execution resumes at the latest this long after the submissions (the longest Timeout of its items), ${seconds('timeoutSeconds')}; n8n may resume it up to a minute later. 0 = the default of the captcha type.`,
			[SUBMIT_ONLY]: `How long to keep trying to submit an item while 2Captcha has no free worker (ERROR_NO_SLOT_AVAILABLE), ${seconds('timeoutSeconds')}. 0 = the default of the captcha type.`,
		},
	},
];

/** The Solver Settings UI derived from SETTINGS and MODE_READS: one option per (modes, operations) it describes. */
export function solverSettingsProperty(
	methods: readonly CaptchaMethod[],
	show: Record<string, string[]>,
	/** Operations whose captcha type comes with each item (Solve Any Captcha): timings without a per-type value. */
	anyTypeOperations: string[] = [],
): INodeProperties {
	return {
		displayName: 'Solver Settings',
		name: 'solverSettings',
		type: 'collection',
		placeholder: 'Add Setting',
		default: {},
		description: 'Timing and output of the solve. Only the settings that apply to the selected Mode are offered.',
		displayOptions: { show },
		options: SETTINGS.flatMap((setting) => settingOptions(setting, methods, anyTypeOperations)),
	};
}

function settingOptions(setting: SettingUi, methods: readonly CaptchaMethod[], anyTypeOperations: string[]): INodeProperties[] {
	const modes = modesReading(setting.name);
	const texts = typeof setting.description === 'string' ? [[setting.description, modes] as const] : groupModes(setting.description, modes);
	return texts.flatMap(([description, inModes]) => {
		const base: INodeProperties = {
			displayName: setting.displayName,
			name: setting.name,
			type: setting.type,
			default: setting.default,
			description,
			...(setting.hint ? { hint: setting.hint } : {}),
			...(setting.type === 'number' ? { typeOptions: { minValue: setting.minValue, maxValue: setting.maxValue } } : {}),
		};
		if (!setting.methodDefault) return [{ ...base, displayOptions: { show: { '/mode': inModes } } }];
		// One option per value of the timing among the operations, so the hint names the selected operation's.
		const byValue = new Map<number, string[]>();
		for (const method of methods) {
			const value = method.timings[setting.methodDefault];
			byValue.set(value, [...(byValue.get(value) ?? []), method.value]);
		}
		const anyType = anyTypeOperations.length
			? [{ ...base, hint: '0 = the default of each item\'s captcha type', displayOptions: { show: { '/mode': inModes, '/operation': anyTypeOperations } } }]
			: [];
		return [
			...[...byValue].map(([value, operations]) => ({
				...base,
				hint: `0 = ${value} s, the default for this captcha type`,
				displayOptions: { show: { '/mode': inModes, '/operation': operations } },
			})),
			...anyType,
		];
	});
}

/** Modes with the same text share one option. */
function groupModes(texts: Partial<Record<ModeName, string>>, modes: ModeName[]): Array<readonly [string, ModeName[]]> {
	const byText = new Map<string, ModeName[]>();
	for (const mode of modes) {
		const text = texts[mode];
		if (text === undefined) throw new Error(`Solver Settings: no description for a mode that reads it (${mode})`);
		byText.set(text, [...(byText.get(text) ?? []), mode]);
	}
	return [...byText];
}

export interface SolverSettings {
	firstPollMs: number;
	pollIntervalMs: number;
	timeoutMs: number;
	includeRawAnswer: boolean;
}

/** Settings of the whole run: read once, from the first item. */
export interface RunSettings {
	unsolvableRetries: number;
	maxInFlight: number;
}

type SettingName = keyof typeof SETTING_BOUNDS;

/** A number typed, from an expression, or as numeric text; unset is `fallback`; anything else names the field. */
export function settingNumber(raw: Record<string, unknown>, name: SettingName, fallback: number): number {
	const bounds: { label: string; min: number; max: number; integer?: boolean; zeroIsDefault?: boolean } = SETTING_BOUNDS[name];
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

/** Max In Flight and Retries When Unsolvable, checked like every setting. */
export function resolveRunSettings(raw: Record<string, unknown>): RunSettings {
	return {
		maxInFlight: settingNumber(raw, 'maxInFlight', SETTING_BOUNDS.maxInFlight.max),
		unsolvableRetries: settingNumber(raw, 'unsolvableRetries', 0),
	};
}
