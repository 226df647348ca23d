import type { INodeProperties } from 'n8n-workflow';

import type { MethodTimings } from '../../catalogue/types';

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
				typeOptions: { minValue: 0, numberPrecision: 3 },
				description: 'Wait before the first result check. 0 = the method default (5 s for images, 10–20 s for tokens).',
			},
			{
				displayName: 'Include Raw Answer',
				name: 'includeRawAnswer',
				type: 'boolean',
				default: false,
				description: 'Whether to add the unparsed answer from 2Captcha as `rawAnswer`',
			},
			{
				displayName: 'Max In Flight',
				name: 'maxInFlight',
				type: 'number',
				default: 50,
				typeOptions: { minValue: 1, maxValue: 1000 },
				description: 'How many items of this run may be submitted and awaiting their answer at the same time',
			},
			{
				displayName: 'Poll Interval (Seconds)',
				name: 'pollIntervalSeconds',
				type: 'number',
				default: 0,
				typeOptions: { minValue: 0, numberPrecision: 3 },
				description: 'Time between result checks. 0 = the method default (5 s, as 2Captcha advises).',
			},
			{
				displayName: 'Retries When Unsolvable',
				name: 'unsolvableRetries',
				type: 'number',
				default: 0,
				typeOptions: { minValue: 0, maxValue: 5 },
				description:
					'How many times to resubmit a captcha that 2Captcha reports as ERROR_CAPTCHA_UNSOLVABLE (those are not charged)',
			},
			{
				displayName: 'Timeout (Seconds)',
				name: 'timeoutSeconds',
				type: 'number',
				default: 0,
				typeOptions: { minValue: 0, numberPrecision: 3 },
				description: 'Give up on an item this long after its submission. 0 = the method default (180 s for images, 300 s for tokens).',
			},
		],
	},
];

export interface SolverSettings {
	firstPollMs: number;
	pollIntervalMs: number;
	timeoutMs: number;
	unsolvableRetries: number;
	maxInFlight: number;
	includeRawAnswer: boolean;
}

/** Settings of one item: what the user set, else the method's defaults from the catalogue. */
export function resolveSettings(raw: Record<string, unknown>, defaults: MethodTimings): SolverSettings {
	const seconds = (value: unknown, fallback: number) => (Number(value) > 0 ? Number(value) : fallback) * 1000;
	return {
		firstPollMs: seconds(raw.firstPollSeconds, defaults.firstPollSec),
		pollIntervalMs: seconds(raw.pollIntervalSeconds, defaults.pollIntervalSec),
		timeoutMs: seconds(raw.timeoutSeconds, defaults.timeoutSec),
		unsolvableRetries: Math.max(0, Math.floor(Number(raw.unsolvableRetries ?? 0))),
		maxInFlight: Math.max(1, Math.floor(Number(raw.maxInFlight ?? 50))),
		includeRawAnswer: raw.includeRawAnswer === true,
	};
}
