import type { FunctionsBase } from 'n8n-workflow';

import { deadlineSignal } from '../engine/clock';
import { engineClock, getEngine } from '../engine/registry';
import { secretsOf, type Secrets } from '../transport/redact';
import { getServerConfig } from '../transport/serverConfig';
import type { ApiResponse, RequestParams } from '../transport/types';

/** res.php as the account, task and pingback operations use it. */
export interface ResApi {
	/** One res.php request (each retry) after the key's shared res.php rate limiter allows it. Never throws for API codes. */
	call(params: RequestParams, signal?: AbortSignal): Promise<ApiResponse>;
	/**
	 * The execution's secrets (the API key once a call read the credential): every server text that goes into an
	 * output or an excerpt is redacted with them.
	 */
	readonly secrets: Secrets;
}

/**
 * Reads the credential on first use, so a broken credential fails each item (and honours continueOnFail)
 * instead of the whole node, and shares the engine (client + rate limiter) of that key with the solver.
 */
export function lazyResApi(ctx: Pick<FunctionsBase, 'getCredentials'>): ResApi {
	let engine: Promise<ReturnType<typeof getEngine>> | undefined;
	return {
		secrets: secretsOf(ctx),
		async call(params, signal) {
			engine ??= getServerConfig(ctx).then(getEngine);
			const { client } = await engine;
			return await client.call('res.php', params, undefined, signal);
		},
	};
}

/** A deadline for a caller's res.php calls, on the engines' clock (real, or the tests' scaled one). */
export function resDeadline(ms: number): ReturnType<typeof deadlineSignal> {
	return deadlineSignal(engineClock(), ms);
}
