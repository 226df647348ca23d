import type { FunctionsBase, ICredentialDataDecryptedObject } from 'n8n-workflow';

import { secretsOf } from './redact';
import type { ServerConfig } from './types';
import { urlProblem } from './url';

export const CREDENTIAL_NAME = 'twoCaptchaSolverApi';
export const CUSTOM_SERVER = 'custom';

/** Raised for a credential that cannot work; its message never contains the key. */
export class InvalidServerConfigError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'InvalidServerConfigError';
	}
}

function validatedBaseUrl(raw: string): string {
	const problem = urlProblem(raw);
	if (problem) throw new InvalidServerConfigError(`The custom server URL ${problem}: use e.g. https://example.com`);
	const url = new URL(raw);
	if (url.search || url.hash) {
		throw new InvalidServerConfigError(
			'The custom server URL must not contain a query string or fragment: in.php and res.php are appended to it',
		);
	}
	return `${url.origin}${url.pathname}`.replace(/\/+$/, '');
}

/** Builds the transport's ServerConfig from the decrypted `twoCaptchaSolverApi` credential. */
export function serverConfigFromCredentials(creds: ICredentialDataDecryptedObject): ServerConfig {
	const apiKey = String(creds.apiKey ?? '').trim();
	if (!apiKey) throw new InvalidServerConfigError('The 2Captcha credential has no API key');
	const server = String(creds.server ?? '').trim();
	const rawUrl = server === CUSTOM_SERVER ? String(creds.customUrl ?? '').trim() : server;
	if (!rawUrl) throw new InvalidServerConfigError('The 2Captcha credential has no server URL');
	const softId = String(creds.softId ?? '').trim();
	return { apiKey, baseUrl: validatedBaseUrl(rawUrl), ...(softId ? { softId } : {}) };
}

/**
 * Reads the `twoCaptchaSolverApi` credential of the running node (execute, hook, webhook, trigger ...) and adds
 * its API key to the secrets this execution's errors are redacted with.
 */
export async function getServerConfig(ctx: Pick<FunctionsBase, 'getCredentials'>): Promise<ServerConfig> {
	const credentials = await ctx.getCredentials(CREDENTIAL_NAME);
	secretsOf(ctx).add(String(credentials.apiKey ?? '').trim());
	return serverConfigFromCredentials(credentials);
}
