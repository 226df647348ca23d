import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { runPerItem } from '../perItem';
import { lazyResApi } from '../../shared/resApi';
import { ALL_ADDRESSES, deleteAddress } from '../../shared/pingbackAddresses';
import { addressField, answerText, readAddress } from './fields';

export const description: INodeProperties[] = updateDisplayOptions(
	{ show: { resource: ['pingback'], operation: ['deleteAddress'] } },
	[
		{
			displayName: 'Delete',
			name: 'scope',
			type: 'options',
			options: [
				{ name: 'One Address', value: 'one' },
				{ name: 'All Addresses', value: 'all', description: 'Every pingback address of the account' },
			],
			default: 'one',
		},
		{ ...addressField, displayOptions: { show: { scope: ['one'] } } },
	],
);

/** `res.php action=del_pingback&addr=` with one address or `all`. */
export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	const api = lazyResApi(this);
	return await runPerItem(this, items, async (itemIndex, signal) => {
		const all = this.getNodeParameter('scope', itemIndex) === 'all';
		const address = all ? ALL_ADDRESSES : readAddress(this, itemIndex);
		return { address, deleted: true, result: answerText(await deleteAddress(api, address, signal), api.secrets) };
	});
}
