import { randomBytes } from 'node:crypto';
// n8n's queue settings reach a node only through the environment every n8n process of the installation shares.
import { env as processEnv } from 'node:process';

import { LoggerProxy } from 'n8n-workflow';

import type { Clock } from './clock';
import { RedisConnection, type RedisSettings } from './redisConnection';

/** The in.php limit a slot respects: at most `max` submissions in any `windowMs`, `spacingMs` apart. */
export interface SubmitLimit {
	windowMs: number;
	max: number;
	spacingMs: number;
}

/** An in.php slot for one API key, shared by every process that uses the key. */
export interface SharedSubmitSlots {
	/**
	 * Waits for a slot and takes it; resolves at once (leaving it to the local limiter) when Redis fails: no answer
	 * within its deadline, a broken connection, or a reply that is not what the script answers.
	 */
	take(limit: SubmitLimit, signal?: AbortSignal): Promise<void>;
}

/**
 * Atomically: drop slots older than the window; if the last slot is closer than the spacing, or the window is
 * full, answer how many ms to wait; otherwise take a slot (scored by Redis's own clock, so the processes' clocks
 * need not agree) and answer 0. Tagged (`{'twocaptcha-slot', ms}`), so a Redis or proxy answering anything else
 * (`:1` to every command) is told from this script.
 */
const TAKE_SLOT = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local window, max, spacing = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
local wait = 0
local last = redis.call('ZREVRANGE', KEYS[1], 0, 0, 'WITHSCORES')
if last[2] then wait = tonumber(last[2]) + spacing - now end
local count = redis.call('ZCARD', KEYS[1])
if count >= max then
  local oldest = redis.call('ZRANGE', KEYS[1], count - max, count - max, 'WITHSCORES')
  wait = math.max(wait, tonumber(oldest[2]) + window - now)
end
if wait > 0 then return {'twocaptcha-slot', math.ceil(wait)} end
redis.call('ZADD', KEYS[1], now, ARGV[4])
redis.call('PEXPIRE', KEYS[1], math.max(window, spacing))
return {'twocaptcha-slot', 0}
`;

/** After a Redis failure the local limiter alone rules for this long before Redis is tried again. */
export const RETRY_REDIS_AFTER_MS = 30_000;

/**
 * A coordination store that answers nonsense, slowly or not at all is a failed one: each outage is logged once (when
 * it starts), then the store is left alone for RETRY_REDIS_AFTER_MS and the process relies on its own limits/claims.
 */
export class StoreHealth {
	private downUntil = -Infinity;

	constructor(
		private readonly what: string,
		private readonly now: () => number = Date.now,
	) {}

	get down(): boolean {
		return this.now() < this.downUntil;
	}

	/** Uses the store again at once (tests). */
	recover(): void {
		this.downUntil = -Infinity;
	}

	failed(why: unknown): void {
		if (!this.down) {
			const reason = why instanceof Error ? why.message : String(why);
			LoggerProxy.warn(`2Captcha: n8n's Redis failed for ${this.what} (${reason.slice(0, 200)}); this process relies on its own ${this.what} for ${RETRY_REDIS_AFTER_MS / 1000} s`);
		}
		this.downUntil = this.now() + RETRY_REDIS_AFTER_MS;
	}
}

/** The reply of TAKE_SLOT: `{'twocaptcha-slot', ms to wait}` with 0 ≤ ms ≤ the window; anything else is nonsense. */
function slotWait(reply: unknown, limit: SubmitLimit): number {
	const wait = Array.isArray(reply) && reply.length === 2 && reply[0] === 'twocaptcha-slot' ? reply[1] : undefined;
	if (typeof wait !== 'number' || !Number.isInteger(wait) || wait < 0 || wait > Math.max(limit.windowMs, limit.spacingMs)) {
		throw new Error(`unexpected reply to the in.php slot script: ${JSON.stringify(reply)?.slice(0, 80)}`);
	}
	return wait;
}

/**
 * n8n's queue-mode Redis, from the settings every n8n process of the installation has (QUEUE_BULL_REDIS_*), or
 * undefined outside queue mode and for a Redis Cluster (not supported here).
 */
export function queueRedisFromEnv(env: NodeJS.ProcessEnv = processEnv): (RedisSettings & { prefix: string }) | undefined {
	if (env.EXECUTIONS_MODE !== 'queue' || env.QUEUE_BULL_REDIS_CLUSTER_NODES) return undefined;
	const port = Number(env.QUEUE_BULL_REDIS_PORT || 6379);
	const db = Number(env.QUEUE_BULL_REDIS_DB || 0);
	if (!Number.isInteger(port) || !Number.isInteger(db)) return undefined;
	return {
		host: env.QUEUE_BULL_REDIS_HOST || 'localhost',
		port,
		db,
		username: env.QUEUE_BULL_REDIS_USERNAME || undefined,
		password: env.QUEUE_BULL_REDIS_PASSWORD || undefined,
		tls: env.QUEUE_BULL_REDIS_TLS === 'true',
		prefix: env.QUEUE_BULL_PREFIX || 'bull',
	};
}

let connection: RedisConnection | undefined;
let connectionFor: string | undefined;

/** n8n's queue-mode Redis (one connection per process serves every key) and its key prefix, or undefined. */
function queueRedis(env: NodeJS.ProcessEnv): { redis: RedisConnection; prefix: string } | undefined {
	const settings = queueRedisFromEnv(env);
	if (!settings) return undefined;
	const identity = JSON.stringify([settings.host, settings.port, settings.db, settings.username, settings.tls]);
	if (!connection || connectionFor !== identity) {
		connection?.close();
		connection = new RedisConnection(settings);
		connectionFor = identity;
	}
	return { redis: connection, prefix: `${settings.prefix}:twocaptcha` };
}

/**
 * In.php slots for the key identified by `keyId` (a hash: the API key never reaches Redis), shared through the
 * Redis of n8n's queue mode; undefined when there is none or TWOCAPTCHA_SHARED_LIMITER=off.
 */
export function sharedSubmitSlots(keyId: string, clock: Clock, env: NodeJS.ProcessEnv = processEnv): SharedSubmitSlots | undefined {
	// TWOCAPTCHA_SHARED_LIMITER=off: each process limits on its own (for measuring; see README "Scaling out").
	const shared = env.TWOCAPTCHA_SHARED_LIMITER === 'off' ? undefined : queueRedis(env);
	return shared && new RedisSubmitSlots(shared.redis, `${shared.prefix}:in:${keyId}`, clock);
}

const claimsHealth = new StoreHealth('claims');

/** Names claimed in this process, with when each claim ends (insertion order = oldest first). */
const localClaims = new Map<string, number>();
/** Bound of the in-process claims: past it the oldest are forgotten (the callers' own records remember longer). */
const MAX_LOCAL_CLAIMS = 100_000;

function claimLocally(name: string, ttlMs: number): boolean {
	const now = Date.now();
	for (const [claimed, until] of localClaims) {
		if (until > now && localClaims.size <= MAX_LOCAL_CLAIMS) break;
		localClaims.delete(claimed);
	}
	const until = localClaims.get(name);
	if (until !== undefined && until > now) return false;
	localClaims.delete(name);
	localClaims.set(name, now + ttlMs);
	return true;
}

/**
 * Claims `name` once: false when it was claimed before within `ttlMs` — in this process (always; deliveries and
 * pingbacks arriving together each see the other's claim at once), and in n8n's queue mode across every process
 * through n8n's Redis (SET NX). Redis answers `OK` (claimed) or nil (taken, confirmed by the claim being there);
 * any other reply, an error or no answer in time is a failed store: logged once, and the in-process claim decides —
 * never a reason to refuse a claim.
 */
export async function claimOnce(name: string, ttlMs: number, env: NodeJS.ProcessEnv = processEnv): Promise<boolean> {
	if (!claimLocally(name, ttlMs)) return false;
	const shared = queueRedis(env);
	if (!shared || claimsHealth.down) return true;
	try {
		const key = `${shared.prefix}:once:${name}`;
		const reply = await shared.redis.call('SET', key, '1', 'NX', 'PX', Math.max(1, Math.round(ttlMs)));
		if (reply === 'OK') return true;
		if (reply !== null) throw new Error(`unexpected reply to SET NX: ${JSON.stringify(reply)?.slice(0, 80)}`);
		// Taken — if the claim is really there: a store answering nil to everything would otherwise refuse every
		// claim (drop every delivery, never resume a waiting execution).
		const holder = await shared.redis.call('GET', key);
		if (holder === '1') return false;
		throw new Error(`SET NX answered taken, but the claim is not there (GET: ${JSON.stringify(holder)?.slice(0, 80)})`);
	} catch (error) {
		claimsHealth.failed(error);
		return true;
	}
}

/** Forgets this process's claims, and that the store failed for them (tests). */
export function forgetLocalClaims(): void {
	localClaims.clear();
	claimsHealth.recover();
}

export class RedisSubmitSlots implements SharedSubmitSlots {
	private readonly health: StoreHealth;

	constructor(
		private readonly redis: RedisConnection,
		private readonly key: string,
		private readonly clock: Clock,
	) {
		this.health = new StoreHealth('in.php limits', () => this.clock.now());
	}

	async take(limit: SubmitLimit, signal?: AbortSignal): Promise<void> {
		for (;;) {
			signal?.throwIfAborted();
			if (this.health.down) return;
			let wait: number;
			try {
				const member = `${this.clock.now()}-${randomBytes(6).toString('hex')}`;
				wait = slotWait(await this.redis.call('EVAL', TAKE_SLOT, 1, this.key, limit.windowMs, limit.max, limit.spacingMs, member), limit);
			} catch (error) {
				// Never hang on Redis: the local limiter keeps this process within the limit on its own.
				this.health.failed(error);
				return;
			}
			if (wait === 0) return;
			// The caller's signal bounds the waiting (the item's Timeout and Stop): a full window never holds it longer.
			await this.clock.sleep(wait, signal);
		}
	}

	/** True while Redis is not used after a failure (for tests). */
	get usingLocalOnly(): boolean {
		return this.health.down;
	}
}
