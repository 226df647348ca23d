import type { INodeProperties, TriggerPanelDefinition } from 'n8n-workflow';

import { SECRET_PLACEHOLDER_HTML } from '../TwoCaptcha/shared/pingbackSecret';
import { parseAsField } from '../TwoCaptcha/shared/solution';
import { SECRET_RULE } from './secret';

/**
 * The left side of the trigger's panel (n8n's default speaks of "events" of a service): how a test answer gets here,
 * and where the answers of the published workflow go.
 */
const TEST_ANSWER_HELP = `<b>While building your workflow</b>, click Execute step, then run a 2Captcha node in Submit Only mode whose Pingback URL is this trigger's <b>Test URL</b> (Webhook URLs → Test URL, <code>${SECRET_PLACEHOLDER_HTML}</code> replaced by the Secret): its answer shows up here.`;

export const TRIGGER_PANEL: TriggerPanelDefinition = {
	header: 'Listen for a 2Captcha answer (pingback)',
	executionsHelp: {
		inactive: `${TEST_ANSWER_HELP}<br /><br /><b>To run on every answer</b>, publish this workflow and give Submit Only nodes the <b>Production URL</b>. Those executions show up under Executions, not here.`,
		active: `${TEST_ANSWER_HELP}<br /><br /><b>This workflow is published</b>: every answer sent to the <b>Production URL</b> starts it. Those executions show up under Executions, not here.`,
	},
	activationHint: {
		inactive: 'Once you have finished building your workflow, publish it: every answer sent to the Production URL then starts it.',
		active: 'This node also starts the workflow on every answer sent to the Production URL (those executions show up under Executions, not here).',
	},
};

/** The trigger's one event: n8n's node creator lists it as the trigger's action, by this name. */
const PINGBACK_EVENT = 'captchaAnswer';

export const triggerProperties: INodeProperties[] = [
	{
		// Not shown in the panel (there is nothing to choose): n8n's node creator names the trigger by its event.
		displayName: 'Trigger On',
		name: 'event',
		type: 'hidden',
		default: PINGBACK_EVENT,
		options: [
			{
				name: 'Captcha Answer (Pingback)',
				value: PINGBACK_EVENT,
				action: 'On captcha answer (pingback)',
				description: 'Starts the workflow when 2Captcha sends the answer of a captcha submitted with this Pingback URL',
			},
		],
	},
	{
		// Right under Webhook URLs, whose URLs (see webhookPath.ts) are the Pingback URL with a placeholder.
		displayName: `<b>Pingback URL</b> for a 2Captcha node in Submit Only mode: open <b>Webhook URLs</b> above, choose <b>Production URL</b> and click the URL to copy it. Paste it as that node's Pingback URL and replace <code>${SECRET_PLACEHOLDER_HTML}</code> with the Secret below. Then publish this workflow: each answer starts an execution (listed under Executions). The Test URL answers only while this panel listens for a test event.`,
		name: 'pingbackUrlNotice',
		type: 'notice',
		default: '',
	},
	{
		displayName: 'Secret',
		name: 'secret',
		type: 'string',
		typeOptions: { password: true },
		required: true,
		default: '',
		placeholder: 'e.g. 3f9c1e7a2b8d4c6e9a0f5b1d',
		hint: `Goes in place of ${SECRET_PLACEHOLDER_HTML} in the URL you copy from Webhook URLs`,
		description: `Part of the pingback URL, so only 2Captcha (who got the URL with your captcha) can start this workflow: ${SECRET_RULE}. Use a random value, e.g. from a password generator.`,
	},
	{
		displayName: 'Register Address With 2Captcha',
		name: 'registerAddress',
		type: 'boolean',
		default: false,
		description:
			"Whether to register this n8n's host as a pingback address (add_pingback) on activation, and delete it on deactivation if this node registered it. 2Captcha only accepts the registration from the IP the host points to; otherwise register it on 2captcha.com. With several 2Captcha Triggers on one n8n, turn this on for one of them only (all share the host), or register the host once with Pingback → Add Address.",
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			parseAsField('How to turn the answer into `solution`; `code` always keeps it as received'),
		],
	},
];
