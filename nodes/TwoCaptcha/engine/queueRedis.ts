/**
 * n8n's queue-mode Redis as this pack uses it: found from the settings every n8n process of an installation shares,
 * one connection per process, and the rule for a store that misbehaves. The in.php slots (sharedLimiter.ts) and the
 * exactly-once claims (shared/claims.ts) go through it.
 */
// n8n's queue settings reach a node only through the environment every n8n process of the installation shares.
import { env as processEnv } from 'node:process';

import { LoggerProxy } from 'n8n-workflow';

import { RedisConnection, type RedisSettings } from './redisConnection';

/** After a Redis failure the local limiter alone rules for this long before Redis is tried again. */
const RETRY_REDIS_AFTER_MS = 30_000;

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
export function queueRedis(env: NodeJS.ProcessEnv): { redis: RedisConnection; prefix: string } | undefined {
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

