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

interface Slot {
	engine: Engine;
	/** The key's engine as a credential with a soft_id submits through it (clients differ only in soft_id). */
	bySoftId: Map<string, Engine>;
	/** A client of this key for `server` (its soft_id), on the engine's clock and res.php budget. */
	clientFor: (server: ServerConfig) => TwoCaptchaClient;
	/** Runs holding the engine (holdEngine): never released while held. */
	holds: number;
	lastUsedAt: number;
}

/**
 * An engine nobody held or asked for this long (in engine time), with nothing pending, is released. Longer than the
 * rate limiter's longest window (res.php: 10 minutes), so a released engine forgets no budget that still counts.
 */
export const ENGINE_IDLE_MS = 15 * 60_000;

const engines = new Map<string, Slot>();
let clock: Clock = realClock;

/**
 * The engine for a server + key: one rate limiter, one congestion gate and ONE batch poller, however many
 * items and executions use it at once. Keyed by a hash so the key itself is never kept as a map key.
 */
export function getEngine(server: ServerConfig): Engine {
	return slotOf(server).engine;
}

/**
 * The engine for a whole run: it is not released before `release()`, however long the run stays idle. Its
 * submissions carry the soft_id of `server` (credentials sharing a key share the engine, not the soft_id).
 */
export function holdEngine(server: ServerConfig): { engine: Engine; release: () => void } {
	const slot = slotOf(server);
	slot.holds++;
	let released = false;
	return {
		engine: submittingAs(slot, server),
		release: () => {
			if (released) return;
			released = true;
			slot.holds--;
			slot.lastUsedAt = clock.now();
		},
	};
}

/**
 * Drops engines unused for ENGINE_IDLE_MS: no hold, nothing pending in the poller. Returns how many remain. Run on
 * every engine lookup (no timer of its own, so nothing keeps the process alive).
 */
export function releaseIdleEngines(): number {
	const now = clock.now();
	for (const [id, slot] of engines) {
		if (slot.holds === 0 && slot.engine.poller.size === 0 && now - slot.lastUsedAt >= ENGINE_IDLE_MS) engines.delete(id);
	}
	return engines.size;
}

function submittingAs(slot: Slot, server: ServerConfig): Engine {
	if (!server.softId) return slot.engine;
	let engine = slot.bySoftId.get(server.softId);
	if (!engine) {
		const client = slot.clientFor(server);
		engine = { ...slot.engine, submit: async (params, files, signal) => await client.call('in.php', params, files, signal) };
		slot.bySoftId.set(server.softId, engine);
	}
	return engine;
}

function slotOf(server: ServerConfig): Slot {
	releaseIdleEngines();
	const id = createHash('sha256').update(`${server.baseUrl}\n${server.apiKey}`).digest('hex');
	let slot = engines.get(id);
	if (!slot) {
		slot = { ...createEngine(server, clock, id), bySoftId: new Map(), holds: 0, lastUsedAt: clock.now() };
		engines.set(id, slot);
	}
	slot.lastUsedAt = clock.now();
	return slot;
}

function createEngine(keyServer: ServerConfig, engineClock: Clock, keyId: string): Pick<Slot, 'engine' | 'clientFor'> {
	// Credentials sharing a key may differ in soft_id: the engine is per key and its own clients carry none; a
	// credential's soft_id goes with its submissions (holdEngine), never from whichever credential created the engine.
	const server = { apiKey: keyServer.apiKey, baseUrl: keyServer.baseUrl };
	// In n8n queue mode every worker has its own engine: their in.php slots are shared through n8n's Redis.
	const shared = engineClock === realClock ? sharedSubmitSlots(keyId, engineClock) : undefined;
	const limiter = new RateLimiter({ clock: engineClock, shared });
	// Request timeouts and read-retry delays follow the engine clock, like every other wait of the engine; every
	// res.php request of every client, each retry included, takes its credit from the key's limiter.
	const timing = { sleep: engineClock.sleep, timeoutSignal: engineClock.timeoutSignal, acquireRes: async (signal?: AbortSignal) => await limiter.acquireRes(signal) };
	const client = new TwoCaptchaClient(server, timing);
	// The poller retries a failed poll on its own schedule; read retries inside the client would hold its shared loop.
	const pollClient = new TwoCaptchaClient(server, { ...timing, readRetries: 0 });
	const poller = new BatchPoller(async (params) => await pollClient.call('res.php', params), engineClock, {
		onBlocked: (ms) => limiter.penalizeRes(ms),
	});
	const engine: Engine = {
		client,
		limiter,
		poller,
		gate: new CongestionGate(engineClock),
		clock: engineClock,
		submit: async (params, files, signal) => await client.call('in.php', params, files, signal),
		acquireSubmit: async (signal, admit) => await limiter.acquireSubmitIf(admit ?? (() => true), signal),
	};
	return { engine, clientFor: (asServer) => new TwoCaptchaClient({ ...server, softId: asServer.softId }, timing) };
}

/** The clock the engines run on: real, or the tests' scaled one. */
export function engineClock(): Clock {
	return clock;
}

/** Tests and the benchmark run the engine on a scaled clock (test/helpers/scaledClock.js); engines made before are dropped. */
export function setEngineClock(newClock: Clock): void {
	clock = newClock;
	engines.clear();
}
