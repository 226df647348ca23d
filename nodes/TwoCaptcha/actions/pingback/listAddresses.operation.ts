import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { runPerItem } from '../perItem';
import { lazyResApi } from '../../shared/resApi';
import { listAddresses } from '../../shared/pingbackAddresses';
import { answerText } from './fields';

/** List Addresses has no fields. */
export const description: INodeProperties[] = [];

/** `res.php action=get_pingback`: `{addresses: [...]}`, each redacted with the execution's secrets. */
export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	const api = lazyResApi(this);
	return await runPerItem(this, items, async (_itemIndex, signal) => ({
		addresses: (await listAddresses(api, signal)).map((address) => answerText(address, api.secrets)),
	}));
}
