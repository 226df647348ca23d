import { randomBytes } from 'node:crypto';
// n8n's queue settings reach a node only through the environment every n8n process of the installation shares.
import { env as processEnv } from 'node:process';

import type { Clock } from './clock';
import type { RedisConnection } from './redisConnection';
import { queueRedis, StoreHealth } from './queueRedis';

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

/** The reply of TAKE_SLOT: `{'twocaptcha-slot', ms to wait}` with 0 ≤ ms ≤ the window; anything else is nonsense. */
function slotWait(reply: unknown, limit: SubmitLimit): number {
	const wait = Array.isArray(reply) && reply.length === 2 && reply[0] === 'twocaptcha-slot' ? reply[1] : undefined;
	if (typeof wait !== 'number' || !Number.isInteger(wait) || wait < 0 || wait > Math.max(limit.windowMs, limit.spacingMs)) {
		throw new Error(`unexpected reply to the in.php slot script: ${JSON.stringify(reply)?.slice(0, 80)}`);
	}
	return wait;
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
