import { createHash } from 'node:crypto';

import { TwoCaptchaClient } from '../transport/client';
import type { ServerConfig } from '../transport/types';
import { BatchPoller } from './batchPoller';
import { type Clock, realClock } from './clock';
import { CongestionGate } from './congestion';
import { RateLimiter } from './rateLimiter';
import { sharedSubmitSlots } from './sharedLimiter';
import type { SolverDeps } from './solver';

/** Everything shared by all executions that use one API key on one server. */
export interface Engine extends SolverDeps {
	client: TwoCaptchaClient;
	limiter: RateLimiter;
}

const engines = new Map<string, Engine>();
let clock: Clock = realClock;

/**
 * The engine for a server + key: one rate limiter, one congestion gate and ONE batch poller, however many
 * items and executions use it at once. Keyed by a hash so the key itself is never kept as a map key.
 */
export function getEngine(server: ServerConfig): Engine {
	const id = createHash('sha256').update(`${server.baseUrl}\n${server.apiKey}`).digest('hex');
	let engine = engines.get(id);
	if (!engine) {
		engine = createEngine(server, clock, id);
		engines.set(id, engine);
	}
	return engine;
}

function createEngine(keyServer: ServerConfig, engineClock: Clock, keyId: string): Engine {
	// Credentials sharing a key may differ in soft_id: the engine is per key, so soft_id travels with each
	// submission (see solve.operation.ts), never from whichever credential created the engine.
	const server = { apiKey: keyServer.apiKey, baseUrl: keyServer.baseUrl };
	// Request timeouts and read-retry delays follow the engine clock, like every other wait of the engine.
	const timing = { sleep: engineClock.sleep, timeoutSignal: engineClock.timeoutSignal };
	const client = new TwoCaptchaClient(server, timing);
	// The poller retries a failed poll on its own schedule; read retries inside the client would hold its shared loop.
	const pollClient = new TwoCaptchaClient(server, { ...timing, readRetries: 0 });
	// In n8n queue mode every worker has its own engine: their in.php slots are shared through n8n's Redis.
	const shared = engineClock === realClock ? sharedSubmitSlots(keyId, engineClock) : undefined;
	const limiter = new RateLimiter({ clock: engineClock, shared });
	const poller = new BatchPoller(async (params) => await pollClient.call('res.php', params), engineClock, {
		acquire: async (signal) => await limiter.acquireRes(signal),
		onBlocked: (ms) => limiter.penalizeRes(ms),
	});
	return {
		client,
		limiter,
		poller,
		gate: new CongestionGate(engineClock),
		clock: engineClock,
		submit: async (params, files, signal) => await client.call('in.php', params, files, signal),
		acquireSubmit: async (signal, admit) => await limiter.acquireSubmitIf(admit ?? (() => true), signal),
	};
}

/** Tests and the benchmark run the engine on a scaled clock (see scaledClock.ts); engines made before are dropped. */
export function setEngineClock(newClock: Clock): void {
	clock = newClock;
	engines.clear();
}
