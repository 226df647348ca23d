/**
 * The three modes of a captcha operation: what each one reads, and their fields in the editor.
 *
 * MODE_READS is the one place that says which parameters and which Solver Settings a mode uses. The editor shows
 * exactly those in that mode (the Solver Settings' display rules are derived from it), the solve reads its
 * settings through `modeSettings`, and a test resolves n8n's display rules per mode against it.
 */
import type { INodeProperties } from 'n8n-workflow';

import { SECRET_PLACEHOLDER_HTML } from '../../shared/pingbackSecret';
import { MAX_REFERENCE_CHARS } from '../../shared/reference';
import { MAX_PINGBACK_ITEMS, UNANSWERED, WAIT_FOR_PINGBACK } from './waitForPingback';

export const WAIT_FOR_RESULT = 'waitForResult';
export const SUBMIT_ONLY = 'submitOnly';
export type ModeName = typeof WAIT_FOR_RESULT | typeof WAIT_FOR_PINGBACK | typeof SUBMIT_ONLY;

/** The Solver Settings, by their parameter names. */
export type SolverSettingName =
	| 'firstPollSeconds'
	| 'pollIntervalSeconds'
	| 'timeoutSeconds'
	| 'maxInFlight'
	| 'unsolvableRetries'
	| 'includeRawAnswer'
	| 'maxCaptchasPerExecution';

export interface ModeReads {
	/** The mode's own top-level parameters (besides Mode, the operation's fields and its Options). */
	parameters: readonly string[];
	/** The Solver Settings the mode applies; any other setting stored on the node is ignored. */
	settings: readonly SolverSettingName[];
}

export const MODE_READS: Record<ModeName, ModeReads> = {
	[WAIT_FOR_RESULT]: {
		parameters: [],
		settings: ['firstPollSeconds', 'pollIntervalSeconds', 'timeoutSeconds', 'maxInFlight', 'unsolvableRetries', 'includeRawAnswer', 'maxCaptchasPerExecution'],
	},
	// Nothing polls: the answers come by pingback; no unsolvable captcha is resubmitted.
	[WAIT_FOR_PINGBACK]: {
		parameters: ['registerPingbackHost'],
		settings: ['timeoutSeconds', 'maxInFlight', 'includeRawAnswer', 'maxCaptchasPerExecution'],
	},
	// Only submissions: no answer is fetched here.
	[SUBMIT_ONLY]: {
		parameters: ['pingbackUrl', 'reference'],
		settings: ['timeoutSeconds', 'maxInFlight', 'maxCaptchasPerExecution'],
	},
};

export const MODE_NAMES = Object.keys(MODE_READS) as ModeName[];

/** The modes that read a setting (or parameter). */
export function modesReading(name: string): ModeName[] {
	return MODE_NAMES.filter((mode) => [...MODE_READS[mode].parameters, ...MODE_READS[mode].settings].includes(name));
}

/** The stored Solver Settings a mode applies; the others are dropped, whatever they hold. */
export function modeSettings(mode: unknown, raw: unknown): Record<string, unknown> {
	const reads = MODE_READS[mode as ModeName] ?? MODE_READS[WAIT_FOR_RESULT];
	const settings = raw && typeof raw === 'object' && !Array.isArray(raw) ? (raw as Record<string, unknown>) : {};
	return Object.fromEntries(Object.entries(settings).filter(([name]) => (reads.settings as readonly string[]).includes(name)));
}

/** Mode and each mode's own fields, right under it. `show` limits them to the captcha operations. */
export function modeProperties(show: { resource: string[]; operation: string[] }): INodeProperties[] {
	const inMode = (mode: ModeName) => ({ show: { ...show, mode: [mode] } });
	return [
		{
			displayName: 'Mode',
			name: 'mode',
			type: 'options',
			noDataExpression: true,
			default: WAIT_FOR_RESULT,
			displayOptions: { show },
			// Default first, one line each (the dropdown shows the option descriptions in one line).
			options: [
				{
					name: 'Wait for Result',
					value: WAIT_FOR_RESULT,
					description: 'Poll 2Captcha and output every answer (default)',
				},
				{
					name: 'Wait for Pingback',
					value: WAIT_FOR_PINGBACK,
					description: 'The execution waits, without polling, for 2Captcha to send the answers',
				},
				{
					name: 'Submit Only',
					value: SUBMIT_ONLY,
					description: 'Output the captcha IDs at once; the answers start a 2Captcha Trigger',
				},
			],
			description:
				'How the answers come back. <b>Wait for Result</b> (default): the node polls 2Captcha and outputs every answer. <b>Wait for Pingback</b>: 2Captcha sends each answer to this execution, which waits, without polling, until all are in. <b>Submit Only</b>: the node outputs the captcha IDs at once; 2Captcha sends each answer to a 2Captcha Trigger.',
		},
		{
			displayName: `<b>Wait for Pingback</b>: 2Captcha sends each answer to this execution's resume URL while the execution waits, running nothing, until every captcha has an answer or the Timeout (Solver Settings) has passed. Needs n8n reachable by 2Captcha at its public webhook URL (WEBHOOK_URL) and that host registered with 2Captcha (the option below does it). n8n checks waiting executions about once a minute, so the deadline can be up to a minute late; captchas without an answer by then come out with status "${UNANSWERED}" and their captcha ID, for Task → Get Result. At most ${MAX_PINGBACK_ITEMS} items per execution.`,
			name: 'waitForPingbackNotice',
			type: 'notice',
			default: '',
			displayOptions: inMode(WAIT_FOR_PINGBACK),
		},
		{
			displayName: 'Register Address With 2Captcha',
			name: 'registerPingbackHost',
			type: 'boolean',
			default: true,
			displayOptions: inMode(WAIT_FOR_PINGBACK),
			description:
				"Whether to register this n8n's webhook host as a pingback address (add_pingback) before submitting, when it is not registered yet. 2Captcha accepts the registration only from the IP the host points to; otherwise turn this off and register the host on 2captcha.com.",
		},
		{
			displayName: 'Pingback URL',
			name: 'pingbackUrl',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'https://n8n.example.com/webhook/…/pingback?secret=…',
			hint: `Copy it from a 2Captcha Trigger (Webhook URLs → Production URL), then replace ${SECRET_PLACEHOLDER_HTML} with that trigger's Secret`,
			description:
				'Where 2Captcha POSTs each answer when it is solved. Its host must be registered with 2Captcha (Pingback → Add Address, or the Register Address option of the 2Captcha Trigger).',
			displayOptions: inMode(SUBMIT_ONLY),
		},
		{
			displayName: 'Reference',
			name: 'reference',
			type: 'string',
			default: '',
			placeholder: 'e.g. {{ $json.orderId }}',
			description: `Optional text that identifies this item (usually an expression, at most ${MAX_REFERENCE_CHARS} characters). It travels in the Pingback URL and the 2Captcha Trigger outputs it next to the answer.`,
			displayOptions: inMode(SUBMIT_ONLY),
		},
	];
}
