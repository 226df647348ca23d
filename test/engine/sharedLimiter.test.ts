/**
 * The in.php limiter shared through n8n's queue-mode Redis, against the real Redis at 127.0.0.1:6379 (keys under
 * a prefix unique to this run, deleted afterwards), and its fallback when Redis is absent or silent.
 */
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import net from 'node:net';
import type { AddressInfo } from 'node:net';

import { realClock } from '../../nodes/TwoCaptcha/engine/clock';
import { RateLimiter } from '../../nodes/TwoCaptcha/engine/rateLimiter';
import { RedisConnection, type RedisSettings } from '../../nodes/TwoCaptcha/engine/redisConnection';
import { LoggerProxy } from 'n8n-workflow';

import { RedisSubmitSlots, sharedSubmitSlots } from '../../nodes/TwoCaptcha/engine/sharedLimiter';
import { queueRedisFromEnv } from '../../nodes/TwoCaptcha/engine/queueRedis';
import { claimOnce, forgetLocalClaims } from '../../nodes/TwoCaptcha/shared/claims';

const queueReport = require('../queue/lib/report');

const REDIS: RedisSettings = { host: '127.0.0.1', port: 6379, db: 0, tls: false };
const PREFIX = `twocaptcha-test-${randomBytes(4).toString('hex')}`;
const LIMIT = { windowMs: 600, max: 6, spacingMs: 30 };

/** Each "process" gets its own connection, like workers do. */
const connections: RedisConnection[] = [];
const connect = (settings: RedisSettings = REDIS, timeoutMs?: number) => {
	const connection = new RedisConnection(settings, timeoutMs);
	connections.push(connection);
	return connection;
};

afterAll(async () => {
	const admin = connect();
	const keys = (await admin.call('KEYS', `${PREFIX}*`)) as string[];
	if (keys.length) await admin.call('DEL', ...keys);
	expect(await admin.call('KEYS', `${PREFIX}*`)).toEqual([]);
	for (const connection of connections) connection.close();
});

/** Largest number of times within any `windowMs` (the queue suite's measure). */
const peakInWindow = (times: number[], windowMs: number): number =>
	queueReport.peakInWindow([...times].sort((a, b) => a - b), windowMs);

describe('shared in.php slots in Redis', () => {
	it('keeps three processes on one key within the window limit and the spacing together', async () => {
		const key = `${PREFIX}:twocaptcha:in:k1`;
		const processes = [0, 1, 2].map(() => new RedisSubmitSlots(connect(), key, realClock));
		const taken: number[] = [];
		await Promise.all(
			processes.map(async (slots) => {
				for (let i = 0; i < 6; i++) {
					await slots.take(LIMIT);
					taken.push(Date.now());
				}
			}),
		);

		expect(taken).toHaveLength(18);
		// Slots are scored by Redis's clock; the members are the takes the script admitted, oldest first.
		const scores = ((await connect().call('ZRANGE', key, 0, -1, 'WITHSCORES')) as string[]).filter((_, i) => i % 2).map(Number);
		expect(scores.length).toBeLessThanOrEqual(LIMIT.max);
		expect(peakInWindow(taken, LIMIT.windowMs - 50)).toBeLessThanOrEqual(LIMIT.max);
		const span = Math.max(...taken) - Math.min(...taken);
		// 18 slots at 6 per 600 ms need two further windows.
		expect(span).toBeGreaterThanOrEqual(2 * LIMIT.windowMs - 100);
		for (const slots of processes) expect(slots.usingLocalOnly).toBe(false);
	});

	it('spaces slots of several processes at least the spacing apart', async () => {
		const key = `${PREFIX}:twocaptcha:in:k2`;
		const processes = [0, 1].map(() => new RedisSubmitSlots(connect(), key, realClock));
		const limit = { windowMs: 3000, max: 100, spacingMs: 40 };
		await Promise.all(processes.map(async (slots) => {
			for (let i = 0; i < 5; i++) await slots.take(limit);
		}));

		const scores = ((await connect().call('ZRANGE', key, 0, -1, 'WITHSCORES')) as string[]).filter((_, i) => i % 2).map(Number);
		expect(scores).toHaveLength(10);
		for (let i = 1; i < scores.length; i++) expect(scores[i] - scores[i - 1]).toBeGreaterThanOrEqual(limit.spacingMs);
	});

	it('lets two RateLimiters (two workers) share one limit through the hook', async () => {
		const key = `${PREFIX}:twocaptcha:in:k3`;
		const limiters = [0, 1].map(
			() => new RateLimiter({ submitWindowMs: 500, maxSubmitsPerWindow: 4, minSubmitSpacingMs: 10, shared: new RedisSubmitSlots(connect(), key, realClock) }),
		);
		const taken: number[] = [];
		await Promise.all(limiters.map(async (limiter) => {
			for (let i = 0; i < 4; i++) {
				await limiter.acquireSubmit();
				taken.push(Date.now());
			}
		}));
		expect(peakInWindow(taken, 450)).toBeLessThanOrEqual(4);
	});

	it('gives up on an aborted wait with the signal\'s reason', async () => {
		const key = `${PREFIX}:twocaptcha:in:k4`;
		const slots = new RedisSubmitSlots(connect(), key, realClock);
		const limit = { windowMs: 5000, max: 1, spacingMs: 0 };
		await slots.take(limit);
		const controller = new AbortController();
		const waiting = slots.take(limit, controller.signal);
		setTimeout(() => controller.abort(new Error('stopped')), 50);
		await expect(waiting).rejects.toThrow('stopped');
	});
});

describe('falling back to the local limiter', () => {
	it('resolves at once when nothing listens on the Redis port, and stays local for a while', async () => {
		const server = net.createServer().listen(0, '127.0.0.1');
		await once(server, 'listening');
		const { port } = server.address() as AddressInfo;
		await new Promise((resolve) => server.close(resolve));

		const slots = new RedisSubmitSlots(connect({ ...REDIS, port, password: 'hunter2-secret' }), `${PREFIX}:x`, realClock);
		const started = Date.now();
		await slots.take(LIMIT);
		expect(Date.now() - started).toBeLessThan(1000);
		expect(slots.usingLocalOnly).toBe(true);
	});

	it('does not hang on a Redis that never answers, and never puts the password in an error', async () => {
		const sockets: net.Socket[] = [];
		const silent = net.createServer((socket) => sockets.push(socket)).listen(0, '127.0.0.1');
		await once(silent, 'listening');
		const { port } = silent.address() as AddressInfo;
		try {
			const connection = connect({ ...REDIS, port, password: 'hunter2-secret', username: 'n8n' }, 200);
			const error = await connection.call('PING').catch((e: Error) => e);
			expect(String((error as Error).message)).toMatch(/did not answer within 200 ms/);
			expect(JSON.stringify(error) + String((error as Error).stack)).not.toContain('hunter2');

			const slots = new RedisSubmitSlots(connection, `${PREFIX}:y`, realClock);
			const started = Date.now();
			await slots.take(LIMIT);
			expect(Date.now() - started).toBeLessThan(1000);
			expect(slots.usingLocalOnly).toBe(true);
		} finally {
			for (const socket of sockets) socket.destroy();
			silent.close();
		}
	});

	it('authenticates and selects the database first; a refused AUTH falls back', async () => {
		// The local Redis has no password: AUTH is refused with an error that names no password.
		const connection = connect({ ...REDIS, db: 2, password: 'hunter2-secret' });
		const error = await connection.call('PING').catch((e: Error) => e);
		expect(error).toBeInstanceOf(Error);
		expect((error as Error).message).not.toContain('hunter2');
		expect(await connect({ ...REDIS, db: 2 }).call('PING')).toBe('PONG');
	});
});

/** A Redis (or a proxy in front of one) that answers `:1` to every command, well-formed and wrong. */
async function liarRedis(reply = ':1\r\n'): Promise<{ port: number; commands: () => number; close: () => void }> {
	let commands = 0;
	const sockets: net.Socket[] = [];
	const server = net
		.createServer((socket) => {
			sockets.push(socket);
			socket.on('data', (chunk) => {
				const count = (String(chunk).match(/^\*\d+\r$/gm) ?? []).length || 1;
				commands += count;
				socket.write(reply.repeat(count));
			});
		})
		.listen(0, '127.0.0.1');
	await once(server, 'listening');
	return {
		port: (server.address() as AddressInfo).port,
		commands: () => commands,
		close: () => {
			for (const socket of sockets) socket.destroy();
			server.close();
		},
	};
}

describe('queueRedisFromEnv', () => {
	it('reads n8n\'s queue settings, only in queue mode', () => {
		expect(queueRedisFromEnv({})).toBeUndefined();
		expect(queueRedisFromEnv({ EXECUTIONS_MODE: 'regular', QUEUE_BULL_REDIS_HOST: 'redis' })).toBeUndefined();
		expect(queueRedisFromEnv({ EXECUTIONS_MODE: 'queue' })).toEqual({ host: 'localhost', port: 6379, db: 0, username: undefined, password: undefined, tls: false, prefix: 'bull' });
		expect(
			queueRedisFromEnv({
				EXECUTIONS_MODE: 'queue',
				QUEUE_BULL_REDIS_HOST: 'redis.internal',
				QUEUE_BULL_REDIS_PORT: '6380',
				QUEUE_BULL_REDIS_DB: '4',
				QUEUE_BULL_REDIS_USERNAME: 'n8n',
				QUEUE_BULL_REDIS_PASSWORD: 'pw',
				QUEUE_BULL_REDIS_TLS: 'true',
				QUEUE_BULL_PREFIX: 'prod',
			}),
		).toEqual({ host: 'redis.internal', port: 6380, db: 4, username: 'n8n', password: 'pw', tls: true, prefix: 'prod' });
	});

	it('is off for a Redis Cluster and for nonsense numbers; TWOCAPTCHA_SHARED_LIMITER=off turns the shared slots off', () => {
		expect(queueRedisFromEnv({ EXECUTIONS_MODE: 'queue', QUEUE_BULL_REDIS_CLUSTER_NODES: 'a:1,b:2' })).toBeUndefined();
		expect(sharedSubmitSlots('abc', realClock, { EXECUTIONS_MODE: 'queue', TWOCAPTCHA_SHARED_LIMITER: 'off' })).toBeUndefined();
		expect(queueRedisFromEnv({ EXECUTIONS_MODE: 'queue', QUEUE_BULL_REDIS_PORT: 'x' })).toBeUndefined();
	});

	it('gives an engine shared slots only in queue mode, keyed under the Bull prefix', () => {
		expect(sharedSubmitSlots('abc', realClock, {})).toBeUndefined();
		expect(sharedSubmitSlots('abc', realClock, { EXECUTIONS_MODE: 'queue', QUEUE_BULL_PREFIX: PREFIX })).toBeInstanceOf(RedisSubmitSlots);
	});
});

describe('claimOnce', () => {
	const env = { EXECUTIONS_MODE: 'queue', QUEUE_BULL_REDIS_HOST: '127.0.0.1', QUEUE_BULL_PREFIX: PREFIX };

	it('lets exactly one of many concurrent claims of a name through, in queue mode, across processes', async () => {
		forgetLocalClaims();
		const claims = await Promise.all(Array.from({ length: 8 }, async () => await claimOnce('pingback-1', 60_000, env)));
		expect(claims.filter(Boolean)).toHaveLength(1);
		expect(await claimOnce('pingback-2', 60_000, env)).toBe(true);
		expect(await connect().call('PTTL', `${PREFIX}:twocaptcha:once:pingback-1`)).toBeGreaterThan(50_000);
		// Another process (its own in-process claims) is refused by Redis.
		forgetLocalClaims();
		expect(await claimOnce('pingback-1', 60_000, env)).toBe(false);
	});

	it('claims once in the process outside queue mode too: concurrent claims of a name, one through', async () => {
		forgetLocalClaims();
		const claims = await Promise.all(Array.from({ length: 10 }, async () => await claimOnce('regular-1', 60_000, {})));
		expect(claims.filter(Boolean)).toHaveLength(1);
		expect(await claimOnce('regular-2', 60_000, {})).toBe(true);
	});

	it('a claim ends with its time to live', async () => {
		forgetLocalClaims();
		expect(await claimOnce('short-1', 30, {})).toBe(true);
		expect(await claimOnce('short-1', 30, {})).toBe(false);
		await new Promise((resolve) => setTimeout(resolve, 60));
		expect(await claimOnce('short-1', 30, {})).toBe(true);
	});
});

// Last: a failed store is left alone for 30 s by the whole process (claims and slots).
describe('a Redis answering nonsense is a failed one', () => {
	const warnings: string[] = [];
	beforeAll(() => LoggerProxy.init({ warn: (m: string) => warnings.push(m), error: () => {}, info: () => {}, debug: () => {} } as never));
	beforeEach(() => (warnings.length = 0));

	it.each([':1\r\n', '+OK\r\n', '*1\r\n:7\r\n', '$-1\r\n'])('in.php slots: %j to everything → local limiter at once, logged once', async (reply) => {
		const liar = await liarRedis(reply);
		try {
			const slots = new RedisSubmitSlots(connect({ ...REDIS, port: liar.port }), `${PREFIX}:liar`, realClock);
			const started = Date.now();
			for (let i = 0; i < 5; i++) await slots.take(LIMIT);
			expect(Date.now() - started).toBeLessThan(1000);
			expect(slots.usingLocalOnly).toBe(true);
			expect(liar.commands()).toBe(1);
			expect(warnings).toHaveLength(1);
			expect(warnings[0]).toMatch(/relies on its own in\.php limits/);
		} finally {
			liar.close();
		}
	});

	it('claims: a wrong reply never refuses a first claim; the process still claims once; logged once', async () => {
		forgetLocalClaims();
		const liar = await liarRedis();
		try {
			const env = { EXECUTIONS_MODE: 'queue', QUEUE_BULL_REDIS_HOST: '127.0.0.1', QUEUE_BULL_REDIS_PORT: String(liar.port), QUEUE_BULL_PREFIX: PREFIX };
			expect(await claimOnce('liar-1', 60_000, env)).toBe(true);
			expect(await claimOnce('liar-1', 60_000, env)).toBe(false);
			expect(await claimOnce('liar-2', 60_000, env)).toBe(true);
			expect(warnings.filter((w) => /claims/.test(w))).toHaveLength(1);
		} finally {
			liar.close();
		}
	});
});
