import type { INodeProperties } from 'n8n-workflow';

import type { ResourceModule } from '../types';
import * as getResult from './getResult.operation';
import * as getResults from './getResults.operation';
import * as getResultWithPrice from './getResultWithPrice.operation';
import * as reportBad from './reportBad.operation';
import * as reportGood from './reportGood.operation';

const operation: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: ['task'] } },
	options: [
		{
			name: 'Get Result',
			value: 'getResult',
			action: 'Get result',
			description: 'Answer of one submitted captcha, or ready: false while it is being solved',
		},
		{
			name: 'Get Result with Price',
			value: 'getResultWithPrice',
			action: 'Get result with price',
			description: 'Like Get Result, plus what the captcha cost',
		},
		{
			name: 'Get Results',
			value: 'getResults',
			action: 'Get results',
			description: 'Answers of many captchas in one request',
		},
		{
			name: 'Report Bad',
			value: 'reportBad',
			action: 'Report bad',
			description: 'Tell 2Captcha an answer was rejected, for a refund',
		},
		{
			name: 'Report Good',
			value: 'reportGood',
			action: 'Report good',
			description: 'Tell 2Captcha an answer was accepted',
		},
	],
	default: 'getResult',
};

export const task: ResourceModule = {
	description: [
		operation,
		...getResult.description,
		...getResultWithPrice.description,
		...getResults.description,
		...reportGood.description,
		...reportBad.description,
	],
	operations: {
		getResult: getResult.execute,
		getResultWithPrice: getResultWithPrice.execute,
		getResults: getResults.execute,
		reportGood: reportGood.execute,
		reportBad: reportBad.execute,
	},
};
