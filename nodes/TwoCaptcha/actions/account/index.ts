import type { INodeProperties } from 'n8n-workflow';

import type { ResourceModule } from '../types';
import * as getBalance from './getBalance.operation';

const operation: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: ['account'] } },
	options: [
		{
			name: 'Get Balance',
			value: 'getBalance',
			action: 'Get balance',
			description: 'Current balance of the 2Captcha account',
		},
	],
	default: 'getBalance',
};

export const account: ResourceModule = {
	description: [operation, ...getBalance.description],
	operations: { getBalance: getBalance.execute },
};
