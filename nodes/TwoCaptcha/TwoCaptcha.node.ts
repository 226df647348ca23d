import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { pingbackDoorbell } from './actions/captcha/pingbackDoorbell';
import { resources } from './actions/resources';
import { router } from './actions/router';

export class TwoCaptcha implements INodeType {
	description: INodeTypeDescription = {
		displayName: '2Captcha',
		name: 'twoCaptcha',
		icon: { light: 'file:twoCaptcha.svg', dark: 'file:twoCaptcha.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Solve any captcha type 2Captcha supports, many items at once, and manage the 2Captcha account',
		defaults: { name: '2Captcha' },
		usableAsTool: true,
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
		properties: [
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
		],
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
