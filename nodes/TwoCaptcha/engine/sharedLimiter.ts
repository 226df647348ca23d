import { randomBytes } from 'node:crypto';
// n8n's queue settings reach a node only through the environment every n8n process of the installation shares.
import { env as processEnv } from 'node:process';

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
	/** Waits for a slot and takes it; resolves at once (leaving it to the local limiter) when Redis fails. */
	take(limit: SubmitLimit, signal?: AbortSignal): Promise<void>;
}

/**
 * Atomically: drop slots older than the window; if the last slot is closer than the spacing, or the window is
 * full, answer how many ms to wait; otherwise take a slot (scored by Redis's own clock, so the processes' clocks
 * need not agree) and answer 0.
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
if wait > 0 then return math.ceil(wait) end
redis.call('ZADD', KEYS[1], now, ARGV[4])
redis.call('PEXPIRE', KEYS[1], math.max(window, spacing))
return 0
`;

/** After a Redis failure the local limiter alone rules for this long before Redis is tried again. */
const RETRY_REDIS_AFTER_MS = 30_000;

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

let claimsDownUntil = -Infinity;

/**
 * Claims `name` once across the processes of n8n's queue mode (e.g. one pingback delivered to several webhook
 * processors at once): false when another process (or an earlier call) claimed it within `ttlMs`. True without
 * queue mode, and when Redis fails: the caller's own record then decides.
 */
export async function claimOnce(name: string, ttlMs: number, env: NodeJS.ProcessEnv = processEnv): Promise<boolean> {
	const shared = queueRedis(env);
	if (!shared || Date.now() < claimsDownUntil) return true;
	try {
		return (await shared.redis.call('SET', `${shared.prefix}:once:${name}`, '1', 'NX', 'PX', ttlMs)) === 'OK';
	} catch {
		claimsDownUntil = Date.now() + RETRY_REDIS_AFTER_MS;
		return true;
	}
}

export class RedisSubmitSlots implements SharedSubmitSlots {
	private redisDownUntil = -Infinity;

	constructor(
		private readonly redis: RedisConnection,
		private readonly key: string,
		private readonly clock: Clock,
	) {}

	async take(limit: SubmitLimit, signal?: AbortSignal): Promise<void> {
		for (;;) {
			signal?.throwIfAborted();
			if (this.clock.now() < this.redisDownUntil) return;
			let wait: number;
			try {
				const member = `${this.clock.now()}-${randomBytes(6).toString('hex')}`;
				wait = Number(await this.redis.call('EVAL', TAKE_SLOT, 1, this.key, limit.windowMs, limit.max, limit.spacingMs, member));
			} catch {
				// Never hang on Redis: the local limiter keeps this process within the limit on its own.
				this.redisDownUntil = this.clock.now() + RETRY_REDIS_AFTER_MS;
				return;
			}
			if (!(wait > 0)) return;
			await this.clock.sleep(Math.min(wait, limit.windowMs), signal);
		}
	}

	/** True while Redis is not used after a failure (for tests). */
	get usingLocalOnly(): boolean {
		return this.clock.now() < this.redisDownUntil;
	}
}
