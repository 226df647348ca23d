import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { plainDecimal } from '../../transport/decimal';
import { ensureOk } from '../../transport/errors';
import { runPerItem } from '../perItem';
import { lazyResApi } from '../../shared/resApi';

/** Get Balance has no fields. */
export const description: INodeProperties[] = [];

/** `res.php action=getbalance`: the balance as a number, in the account's currency (USD on 2captcha.com); never a guessed one. */
export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	const api = lazyResApi(this);
	return await runPerItem(this, items, async (_itemIndex, signal) => {
		const response = ensureOk(await api.call({ action: 'getbalance' }, signal));
		return { balance: plainDecimal(response.request, 'balance') };
	});
}
