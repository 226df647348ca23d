import type { INodeProperties } from 'n8n-workflow';

import { excerpt } from '../../transport/redact';
import { FieldError } from '../../catalogue/toRequest';
import type { MethodTimings } from '../../catalogue/types';

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

const show = { resource: ['captcha'] };

/** Fields shared by every captcha operation: mode, pingback and the engine's settings. */
export const solverProperties: INodeProperties[] = [
	{
		displayName: 'Mode',
		name: 'mode',
		type: 'options',
		noDataExpression: true,
		default: 'waitForResult',
		displayOptions: { show },
		options: [
			{
				name: 'Submit Only',
				value: 'submitOnly',
				description:
					'Return the captcha ID at once; the answer arrives later at the pingback URL (use the 2Captcha Trigger) or via Task → Get Result',
			},
			{
				name: 'Wait for Pingback',
				value: 'waitForPingback',
				description:
					'Submit with this execution as the pingback, then wait without polling until 2Captcha has sent every answer (needs n8n reachable from the internet)',
			},
			{
				name: 'Wait for Result',
				value: 'waitForResult',
				description: 'Submit, then poll 2Captcha until the answer is ready and output it',
			},
		],
	},
	{
		displayName: 'Pingback URL',
		name: 'pingbackUrl',
		type: 'string',
		default: '',
		placeholder: 'https://n8n.example.com/webhook/…/pingback?secret=…',
		description:
			'Where 2Captcha POSTs the answer when it is solved: paste the Pingback URL shown by a 2Captcha Trigger node. Its host must be registered with 2Captcha (Pingback → Add Address).',
		displayOptions: { show: { ...show, mode: ['submitOnly'] } },
	},
	{
		displayName: 'Reference',
		name: 'reference',
		type: 'string',
		default: '',
		placeholder: 'e.g. {{ $json.orderId }}',
		description:
			'Optional text that identifies this item (usually an expression, at most 200 characters). It travels in the Pingback URL and the 2Captcha Trigger outputs it next to the answer.',
		displayOptions: { show: { ...show, mode: ['submitOnly'] } },
	},
	{
		displayName: 'Solver Settings',
		name: 'solverSettings',
		type: 'collection',
		placeholder: 'Add Setting',
		default: {},
		displayOptions: { show },
		options: [
			{
				displayName: 'First Poll After (Seconds)',
				name: 'firstPollSeconds',
				type: 'number',
				default: 0,
				typeOptions: { minValue: 0, maxValue: SETTING_BOUNDS.firstPollSeconds.max, numberPrecision: 3 },
				description:
					'Wait before the first result check, at most 600 s. 0 = the method default (5 s for images, 10–20 s for tokens).',
			},
			{
				displayName: 'Include Raw Answer',
				name: 'includeRawAnswer',
				type: 'boolean',
				default: false,
				description: 'Whether to add the unparsed answer from 2Captcha as `rawAnswer`',
			},
			{
				displayName: 'Max Captchas Per Execution',
				name: 'maxCaptchasPerExecution',
				type: 'number',
				default: 10,
				typeOptions: { minValue: 0, maxValue: SETTING_BOUNDS.maxCaptchasPerExecution.max },
				description:
					'Stop with an error, sending nothing, once this many captchas would be sent in one execution (every solve is paid). Counts every run of this node in the execution, e.g. every tool call of one AI agent run. 0 = no limit. When not set: no limit in a workflow, 10 when the node runs as an AI tool.',
			},
			{
				displayName: 'Max In Flight',
				name: 'maxInFlight',
				type: 'number',
				default: 1000,
				typeOptions: { minValue: 1, maxValue: SETTING_BOUNDS.maxInFlight.max },
				description:
					"How many items of this run may be submitted and awaiting their answer at the same time. Read once, from the first item: it applies to the whole run. The default never holds items back: submissions are paced by 2Captcha's own limits (10 per second) and slowed down automatically on ERROR_NO_SLOT_AVAILABLE.",
			},
			{
				displayName: 'Poll Interval (Seconds)',
				name: 'pollIntervalSeconds',
				type: 'number',
				default: 0,
				typeOptions: { minValue: 0, maxValue: SETTING_BOUNDS.pollIntervalSeconds.max, numberPrecision: 3 },
				description:
					'Time between result checks, from 1 to 300 s. 0 = the method default (5 s, as 2Captcha advises).',
			},
			{
				displayName: 'Retries When Unsolvable',
				name: 'unsolvableRetries',
				type: 'number',
				default: 0,
				typeOptions: { minValue: 0, maxValue: SETTING_BOUNDS.unsolvableRetries.max },
				description:
					'How many times to resubmit a captcha that 2Captcha reports as ERROR_CAPTCHA_UNSOLVABLE (those are not charged). Read once, from the first item: it applies to the whole run.',
			},
			{
				displayName: 'Timeout (Seconds)',
				name: 'timeoutSeconds',
				type: 'number',
				default: 0,
				typeOptions: { minValue: 0, maxValue: SETTING_BOUNDS.timeoutSeconds.max, numberPrecision: 3 },
				description:
					'Give up on an item this long after its submission, at most 3600 s. 0 = the method default (180 s for images, 300 s for tokens).',
			},
		],
	},
];

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
		maxInFlight: settingNumber(raw, 'maxInFlight', 1000),
		unsolvableRetries: settingNumber(raw, 'unsolvableRetries', 0),
	};
}
