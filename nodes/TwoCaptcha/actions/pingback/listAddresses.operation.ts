import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { runPerItem } from '../perItem';
import { lazyResApi } from '../../shared/resApi';
import { listAddresses } from '../../shared/pingbackAddresses';

/** List Addresses has no fields. */
export const description: INodeProperties[] = [];

/** `res.php action=get_pingback`: `{addresses: [...]}`. */
export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	const api = lazyResApi(this);
	return await runPerItem(this, items, async (_itemIndex, signal) => ({
		addresses: await listAddresses(api, signal),
	}));
}
