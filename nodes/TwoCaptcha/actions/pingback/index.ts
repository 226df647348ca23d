import type { INodeProperties } from 'n8n-workflow';

import type { ResourceModule } from '../types';
import * as addAddress from './addAddress.operation';
import * as deleteAddress from './deleteAddress.operation';
import * as listAddresses from './listAddresses.operation';

const operation: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: ['pingback'] } },
	options: [
		{
			name: 'Add Address',
			value: 'addAddress',
			action: 'Add address',
			description: 'Register a domain or IP 2Captcha may send answers to',
		},
		{
			name: 'Delete Address',
			value: 'deleteAddress',
			action: 'Delete address',
			description: 'Remove one registered address, or all of them',
		},
		{
			name: 'List Addresses',
			value: 'listAddresses',
			action: 'List addresses',
			description: 'The registered pingback addresses',
		},
	],
	default: 'listAddresses',
};

export const pingback: ResourceModule = {
	description: [operation, ...addAddress.description, ...listAddresses.description, ...deleteAddress.description],
	operations: {
		addAddress: addAddress.execute,
		deleteAddress: deleteAddress.execute,
		listAddresses: listAddresses.execute,
	},
};
