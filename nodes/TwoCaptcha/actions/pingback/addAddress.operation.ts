import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { runPerItem } from '../perItem';
import { lazyResApi } from '../../shared/resApi';
import { addAddress } from '../../shared/pingbackAddresses';
import { addressField, answerText, readAddress } from './fields';

export const description: INodeProperties[] = updateDisplayOptions(
	{ show: { resource: ['pingback'], operation: ['addAddress'] } },
	[
		{
			displayName:
				'2Captcha registers an address only when this request comes from the IP the address points to (otherwise ERROR_IP_ADDRES)',
			name: 'sameIpNotice',
			type: 'notice',
			default: '',
		},
		addressField,
	],
);

/** `res.php action=add_pingback&addr=`. */
export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	const api = lazyResApi(this);
	return await runPerItem(this, items, async (itemIndex, signal) => {
		const address = readAddress(this, itemIndex);
		return { address, added: true, result: answerText(await addAddress(api, address, signal), api.secrets) };
	});
}
