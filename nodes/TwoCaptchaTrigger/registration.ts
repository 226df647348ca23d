import type { IHookFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { addAddress, addressHost, deleteAddress, isHostRegistered } from '../TwoCaptcha/shared/pingbackAddresses';
import { lazyResApi, resDeadline } from '../TwoCaptcha/shared/resApi';
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

/**
 * How long one activation hook may wait for 2Captcha. n8n (2.41) abandons a workflow's activation after 84 s (0.7 of
 * its 120 s publication lease) and keeps the workflow locked until the abandoned work ends; a 2Captcha that never
 * answers would hold a read for 105 s (three 30 s requests, 5 s and 10 s between them). checkExists and create
 * together stay inside n8n's deadline.
 */
export const ACTIVATION_HOOK_DEADLINE_MS = 30_000;

/** Runs one hook's 2Captcha calls within the hook's deadline; errors as node errors without the Secret. */
async function withNodeErrors<T>(ctx: IHookFunctions, doing: string, run: (signal: AbortSignal) => Promise<T>): Promise<T> {
	const deadline = resDeadline(ACTIVATION_HOOK_DEADLINE_MS);
	try {
		return await run(deadline.signal);
	} catch (error) {
		secretsOf(ctx).add(String(ctx.getNodeParameter('secret', '') ?? ''));
		if (!deadline.expired()) throw toNodeError(ctx, error, 0);
		throw new NodeOperationError(ctx.getNode(), `2Captcha did not answer within ${ACTIVATION_HOOK_DEADLINE_MS / 1000} s while ${doing}`, {
			description: 'The workflow was not activated. Activate it again once 2Captcha (or the custom server URL of the credential) answers.',
		});
	} finally {
		deadline.dispose();
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
		return await withNodeErrors(this, 'checking the pingback address', async (signal) => await isHostRegistered(lazyResApi(this), host, signal));
	},

	async create(this: IHookFunctions): Promise<boolean> {
		if (!registers(this)) return true;
		const host = webhookHost(this);
		await withNodeErrors(this, 'registering the pingback address', async (signal) => await addAddress(lazyResApi(this), host, signal));
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
