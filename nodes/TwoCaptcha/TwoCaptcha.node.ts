import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
	INodePropertyOptions,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { pingbackDoorbell } from './actions/captcha/modes/waitForPingback/webhook';
import { TOOL_DESCRIPTION } from './actions/captcha/toolCall';
import { resources } from './actions/resources';
import { router } from './actions/router';
import { TWO_CAPTCHA_DESCRIPTION, TWO_CAPTCHA_ICON } from './shared/nodeIdentity';

const properties: INodeProperties[] = [
	{
		displayName: 'Resource',
		name: 'resource',
		type: 'options',
		noDataExpression: true,
		default: 'captcha',
		options: [
			{ name: 'Account', value: 'account', description: 'Balance of the 2Captcha account' },
			{ name: 'Captcha', value: 'captcha', description: 'Solve a captcha of any supported type' },
			{ name: 'Pingback', value: 'pingback', description: 'Manage the addresses 2Captcha may send answers to' },
			{ name: 'Task', value: 'task', description: 'Results and reports for captchas already submitted' },
		],
	},
	...resources.captcha.description,
	...resources.account.description,
	...resources.task.description,
	...resources.pingback.description,
];

/** "resource:operation" → the operation's label ('captcha:recaptchaV2' → 'reCAPTCHA V2'), for the subtitle. */
const operationLabels = Object.fromEntries(
	properties
		.filter((property) => property.name === 'operation')
		.flatMap((property) =>
			(property.options as INodePropertyOptions[]).map((option) => [
				`${property.displayOptions?.show?.resource?.[0]}:${option.value}`,
				option.name,
			]),
		),
);

export class TwoCaptcha implements INodeType {
	description: INodeTypeDescription = {
		displayName: '2Captcha',
		name: 'twoCaptcha',
		icon: TWO_CAPTCHA_ICON,
		group: ['transform'],
		version: 1,
		// The selected operation's label, e.g. 'reCAPTCHA V2' or 'Get Balance'.
		subtitle: `={{ (${JSON.stringify(operationLabels)})[$parameter["resource"] + ":" + $parameter["operation"]] }}`,
		description: TWO_CAPTCHA_DESCRIPTION,
		defaults: { name: '2Captcha' },
		// The "2Captcha Tool" variant describes itself to models (its default Tool Description).
		usableAsTool: { replacements: { description: TOOL_DESCRIPTION } },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'twoCaptchaSolverApi', required: true }],
		webhooks: [
			{
				// Mode "Wait for Pingback": 2Captcha's pingbacks reach the waiting execution at its resume URL
				// (<WEBHOOK_URL>webhook-waiting/<executionId>?signature=…); n8n refuses a wrong signature itself.
				name: 'default',
				httpMethod: 'POST',
				path: '',
				restartWebhook: true,
				responseMode: 'onReceived',
				responseData: 'OK',
			},
		],
		properties,
	};

	// A restart webhook lives only as long as its waiting execution: nothing to set up on activation.
	webhookMethods = {
		default: {
			checkExists: async (): Promise<boolean> => true,
			create: async (): Promise<boolean> => true,
			delete: async (): Promise<boolean> => true,
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await pingbackDoorbell.call(this);
	}

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
