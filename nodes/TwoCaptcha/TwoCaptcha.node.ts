import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

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

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
