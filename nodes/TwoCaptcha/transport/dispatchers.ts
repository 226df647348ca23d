import { EnvHttpProxyAgent, type Dispatcher } from 'undici';

/** Keep-alive settings: polling reuses the same few sockets instead of a TLS handshake per request. */
const POOL_OPTIONS = {
	connections: 16,
	keepAliveTimeout: 30_000,
	keepAliveMaxTimeout: 120_000,
};

/** One pooled dispatcher per origin, shared by every client, node run and workflow in the process. */
const dispatchersByOrigin = new Map<string, Dispatcher>();

/**
 * The dispatcher for an origin. EnvHttpProxyAgent routes through HTTP_PROXY / HTTPS_PROXY (and their
 * lower-case forms) unless NO_PROXY matches, and behaves as a plain keep-alive Agent when none is set.
 * The environment is read when an origin is first used.
 */
export function getDispatcher(origin: string): Dispatcher {
	let dispatcher = dispatchersByOrigin.get(origin);
	if (!dispatcher) {
		dispatcher = new EnvHttpProxyAgent(POOL_OPTIONS);
		dispatchersByOrigin.set(origin, dispatcher);
	}
	return dispatcher;
}

/** Closes every pooled connection (tests, shutdown); later calls open fresh dispatchers. */
export async function closeAllDispatchers(): Promise<void> {
	const dispatchers = [...dispatchersByOrigin.values()];
	dispatchersByOrigin.clear();
	await Promise.all(dispatchers.map(async (dispatcher) => await dispatcher.destroy()));
}
