/**
 * Exactly-once claims for both nodes: the trigger's deliveries (one execution per pingback) and Wait for Pingback's
 * resume (one resume per waiting execution). In this process always; in n8n's queue mode across its processes too,
 * through n8n's Redis.
 */
import { env as processEnv } from 'node:process';

import { queueRedis, StoreHealth } from '../engine/queueRedis';

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

