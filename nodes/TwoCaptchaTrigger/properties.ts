import type { INodeProperties } from 'n8n-workflow';

import { parseAsField } from '../TwoCaptcha/shared/solution';
import { SECRET_RULE } from './secret';

/** The query parameter of the pingback URL that must carry the Secret. */
export const SECRET_QUERY_PARAM = 'secret';

/** The trigger's one event: n8n's node creator lists it as the trigger's action, by this name. */
export const PINGBACK_EVENT = 'captchaAnswer';

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
		displayName: `<b>Pingback URL</b> to paste into a 2Captcha node in Submit Only mode: <code>&lt;Production URL&gt;?${SECRET_QUERY_PARAM}=&lt;Secret&gt;</code>, i.e. <code>https://&lt;your n8n&gt;/webhook/&lt;id&gt;/pingback?${SECRET_QUERY_PARAM}=&lt;Secret&gt;</code>. Copy the <b>Production URL</b> from Webhook URLs above (the Test URL answers only while the editor listens for a test event), then append <code>?${SECRET_QUERY_PARAM}=</code> and the Secret below. Publish this workflow so the Production URL listens.`,
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
