/**
 * The Solver Settings collection in the editor: one table of the settings (label, type, bounds, default, the text
 * most modes share), and each mode's own reads and texts (modes/). A setting shows in exactly the modes that read it.
 */
import type { INodeProperties } from 'n8n-workflow';

import type { CaptchaMethod, MethodTimings } from '../../catalogue/types';
import type { Mode, SolverSettingName } from './modes/mode';
import { SETTING_BOUNDS, TOOL_MAX_CAPTCHAS_DEFAULT, type SettingBounds } from './solverSettings';

const limits = (name: keyof typeof SETTING_BOUNDS): SettingBounds => SETTING_BOUNDS[name];

interface SettingUi {
	displayName: string;
	name: SolverSettingName;
	type: 'number' | 'boolean';
	default: number | boolean;
	/** What the setting means, unless a mode says it otherwise (Mode.settingDescriptions). */
	description?: string;
	/** 0 stands for the captcha type's own value of this timing: the hint shows it for the selected operation. */
	methodDefault?: keyof MethodTimings;
	hint?: string;
}

/** Texts of settings that the modes word themselves. */
export const RUN_WIDE = 'Applies to the whole run: read once, from the first item.';
export const seconds = (name: keyof typeof SETTING_BOUNDS) => `${limits(name).min === 0 ? 'up to' : `from ${limits(name).min} to`} ${limits(name).max} s`;
/** Max In Flight: `what` it bounds in the mode, then its range and default. */
export const inFlightText = (what: string) =>
	`${what}, from ${limits('maxInFlight').min} to ${limits('maxInFlight').max}. The default never holds items back: submissions are paced by 2Captcha's own limits and slowed down automatically on ERROR_NO_SLOT_AVAILABLE.`;
export const RAW_ANSWER_TEXT = 'Whether to add the unparsed answer from 2Captcha as `rawAnswer`';

/** The Solver Settings, sorted by display name; each shows in the modes that read it. */
const SETTINGS: SettingUi[] = [
	{
		displayName: 'First Poll After (Seconds)',
		name: 'firstPollSeconds',
		type: 'number',
		default: 0,
		methodDefault: 'firstPollSec',
		description: `How long after its submission an item's answer is first asked for, ${seconds('firstPollSeconds')}. 0 = the default of the captcha type.`,
	},
	{
		displayName: 'Include Raw Answer',
		name: 'includeRawAnswer',
		type: 'boolean',
		default: false,
		description: RAW_ANSWER_TEXT,
	},
	{
		displayName: 'Max Captchas Per Execution',
		name: 'maxCaptchasPerExecution',
		type: 'number',
		default: 10,
		hint: `Unset: no limit in a workflow, ${TOOL_MAX_CAPTCHAS_DEFAULT} when the node runs as an AI tool`,
		description: `Stop with an error, sending nothing, once this many captchas would be sent in one execution (every solve is paid), up to ${limits('maxCaptchasPerExecution').max}; 0 = no limit. Counts every run of this node in the execution, e.g. every tool call of one AI agent run.`,
	},
	{
		displayName: 'Max In Flight',
		name: 'maxInFlight',
		type: 'number',
		default: 1000, // SETTING_BOUNDS.maxInFlight.max (a test holds them equal): never holds items back
		hint: RUN_WIDE,
	},
	{
		displayName: 'Poll Interval (Seconds)',
		name: 'pollIntervalSeconds',
		type: 'number',
		default: 0,
		methodDefault: 'pollIntervalSec',
		description: `Time between result checks of an item, ${seconds('pollIntervalSeconds')}. 0 = the default of the captcha type.`,
	},
	{
		displayName: 'Retries When Unsolvable',
		name: 'unsolvableRetries',
		type: 'number',
		default: 0,
		hint: `0 = no retry. ${RUN_WIDE}`,
		description: `How many times to resubmit a captcha that 2Captcha reports as ERROR_CAPTCHA_UNSOLVABLE (those are not charged), up to ${limits('unsolvableRetries').max}`,
	},
	{
		displayName: 'Timeout (Seconds)',
		name: 'timeoutSeconds',
		type: 'number',
		default: 0,
		methodDefault: 'timeoutSec',
	},
];

/** The Solver Settings UI derived from SETTINGS and the modes: one option per (modes, operations) it describes. */
export function solverSettingsProperty(
	modes: readonly Mode[],
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
		options: SETTINGS.flatMap((setting) => settingOptions(setting, modes, methods, anyTypeOperations)),
	};
}

function settingOptions(setting: SettingUi, modes: readonly Mode[], methods: readonly CaptchaMethod[], anyTypeOperations: string[]): INodeProperties[] {
	return groupModes(setting, modes).flatMap(([description, inModes]) => {
		const base: INodeProperties = {
			displayName: setting.displayName,
			name: setting.name,
			type: setting.type,
			default: setting.default,
			description,
			...(setting.hint ? { hint: setting.hint } : {}),
			...(setting.type === 'number' ? { typeOptions: numberRange(setting.name) } : {}),
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

/** The editor's range of a number setting: its bounds, from 0 where 0 stands for the captcha type's default. */
function numberRange(name: SolverSettingName): { minValue: number; maxValue: number } {
	const bounds = limits(name as keyof typeof SETTING_BOUNDS);
	return { minValue: bounds.zeroIsDefault ? 0 : bounds.min, maxValue: bounds.max };
}

/** The modes that read the setting, grouped by what it means in each: modes with the same text share one option. */
function groupModes(setting: SettingUi, modes: readonly Mode[]): Array<readonly [string, string[]]> {
	const byText = new Map<string, string[]>();
	for (const mode of modes.filter((m) => m.reads.settings.includes(setting.name))) {
		const text = mode.settingDescriptions?.[setting.name] ?? setting.description;
		if (text === undefined) throw new Error(`Solver Settings: no description of ${setting.name} for a mode that reads it (${mode.value})`);
		byText.set(text, [...(byText.get(text) ?? []), mode.value]);
	}
	return [...byText];
}
