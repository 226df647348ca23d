import type { FunctionsBase, ICredentialDataDecryptedObject } from 'n8n-workflow';

import { rememberSecret } from './redact';
import type { ServerConfig } from './types';

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
	if (!URL.canParse(raw)) {
		throw new InvalidServerConfigError(
			`The custom server URL "${raw}" is not a valid URL: use e.g. https://example.com`,
		);
	}
	const url = new URL(raw);
	if (url.protocol !== 'http:' && url.protocol !== 'https:') {
		throw new InvalidServerConfigError(`The custom server URL must start with http:// or https://`);
	}
	if (url.username || url.password) {
		throw new InvalidServerConfigError('The custom server URL must not contain a user name or password');
	}
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
	rememberSecret(apiKey);
	const server = String(creds.server ?? '').trim();
	const rawUrl = server === CUSTOM_SERVER ? String(creds.customUrl ?? '').trim() : server;
	if (!rawUrl) throw new InvalidServerConfigError('The 2Captcha credential has no server URL');
	const softId = String(creds.softId ?? '').trim();
	return { apiKey, baseUrl: validatedBaseUrl(rawUrl), ...(softId ? { softId } : {}) };
}

/** Reads the `twoCaptchaSolverApi` credential of the running node (execute, hook, webhook, trigger ...). */
export async function getServerConfig(ctx: Pick<FunctionsBase, 'getCredentials'>): Promise<ServerConfig> {
	return serverConfigFromCredentials(await ctx.getCredentials(CREDENTIAL_NAME));
}
