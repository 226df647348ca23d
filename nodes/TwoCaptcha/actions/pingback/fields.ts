import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { addressHost } from '../../shared/pingbackAddresses';

export const addressField: INodeProperties = {
	displayName: 'Address',
	name: 'address',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'e.g. n8n.example.com or https://n8n.example.com/webhook/',
	description: 'Domain, IP address or URL; 2Captcha delivers pingbacks to any URL on its host',
};

export function readAddress(ctx: IExecuteFunctions, itemIndex: number): string {
	const address = String(ctx.getNodeParameter('address', itemIndex) ?? '').trim();
	if (!addressHost(address)) {
		throw new NodeOperationError(ctx.getNode(), `Address "${address}" is not a domain, IP address or URL`, {
			itemIndex,
			description: 'Nothing was sent to 2Captcha for this item.',
		});
	}
	return address;
}
