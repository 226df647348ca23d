import type { IHookFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { addAddress, addressHost, deleteAddress, isHostRegistered } from '../TwoCaptcha/shared/pingbackAddresses';
import { lazyResApi } from '../TwoCaptcha/shared/resApi';
import { toNodeError } from '../TwoCaptcha/transport/nodeErrors';
import { secretsOf } from '../TwoCaptcha/transport/redact';
import { SECRET_PATTERN, SECRET_RULE } from './secret';

/** Static data key: the address this node registered, the only one it ever deletes. */
const REGISTERED = 'registeredAddress';

/** Refuses to activate with a secret that is empty or too weak, so the webhook never listens unprotected. */
export function assertUsableSecret(ctx: IHookFunctions): void {
	const secret = String(ctx.getNodeParameter('secret', '') ?? '');
	if (!SECRET_PATTERN.test(secret)) {
		throw new NodeOperationError(ctx.getNode(), `The Secret must have ${SECRET_RULE}`, {
			description: 'Pingbacks are only accepted with the Secret in their URL.',
		});
	}
}

const registers = (ctx: IHookFunctions) => ctx.getNodeParameter('registerAddress', false) === true;

/** The host of this trigger's webhook URL: what 2Captcha needs registered to send pingbacks there. */
function webhookHost(ctx: IHookFunctions): string {
	const url = ctx.getNodeWebhookUrl('default') ?? '';
	const host = addressHost(url);
	if (!host) throw new NodeOperationError(ctx.getNode(), `The webhook URL "${url}" has no host to register`);
	return host;
}

async function withNodeErrors<T>(ctx: IHookFunctions, run: () => Promise<T>): Promise<T> {
	try {
		return await run();
	} catch (error) {
		secretsOf(ctx).add(String(ctx.getNodeParameter('secret', '') ?? ''));
		throw toNodeError(ctx, error, 0);
	}
}

/**
 * n8n calls checkExists on activation (and for test URLs), then create when it returned false, and delete on
 * deactivation. Without "Register Address" there is nothing to set up at 2Captcha.
 */
export const pingbackRegistration = {
	async checkExists(this: IHookFunctions): Promise<boolean> {
		assertUsableSecret(this);
		if (!registers(this)) return true;
		const host = webhookHost(this);
		return await withNodeErrors(this, async () => await isHostRegistered(lazyResApi(this), host));
	},

	async create(this: IHookFunctions): Promise<boolean> {
		if (!registers(this)) return true;
		const host = webhookHost(this);
		await withNodeErrors(this, async () => await addAddress(lazyResApi(this), host));
		this.getWorkflowStaticData('node')[REGISTERED] = host;
		return true;
	},

	async delete(this: IHookFunctions): Promise<boolean> {
		const staticData = this.getWorkflowStaticData('node');
		const registered = staticData[REGISTERED];
		if (typeof registered !== 'string') return true; // registered by someone else, or not at all: keep it
		try {
			await deleteAddress(lazyResApi(this), registered);
		} catch {
			return false;
		}
		delete staticData[REGISTERED];
		return true;
	},
};
