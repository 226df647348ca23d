import { createHash } from 'node:crypto';

import { TwoCaptchaClient } from '../transport/client';
import type { ServerConfig } from '../transport/types';
import { BatchPoller } from './batchPoller';
import { type Clock, realClock } from './clock';
import { CongestionGate } from './congestion';
import { RateLimiter } from './rateLimiter';
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
		engine = createEngine(server, clock);
		engines.set(id, engine);
	}
	return engine;
}

function createEngine(server: ServerConfig, engineClock: Clock): Engine {
	const client = new TwoCaptchaClient(server);
	const limiter = new RateLimiter({ clock: engineClock });
	const poller = new BatchPoller(async (params) => await client.call('res.php', params), engineClock, {
		acquire: async (signal) => await limiter.acquireRes(signal),
	});
	return {
		client,
		limiter,
		poller,
		gate: new CongestionGate(engineClock),
		clock: engineClock,
		submit: async (params, files, signal) => await client.call('in.php', params, files, signal),
		acquireSubmit: async (signal) => await limiter.acquireSubmit(signal),
	};
}

/** Tests and the benchmark run the engine on a scaled clock (see scaledClock.ts); engines made before are dropped. */
export function setEngineClock(newClock: Clock): void {
	clock = newClock;
	engines.clear();
}
