import type { ApiResponse, RawAnswer } from '../transport/types';
import { ProtocolError, TransportError, TwoCaptchaApiError, classifyStatus, isCaptchaStatus, statusOf } from '../transport/errors';
import { splitMultiIdAnswer } from '../transport/multiIdAnswer';
import { attempt } from '../lib/async';
import { AbortGroups } from './abortGroups';
import type { Clock } from './clock';
import { CreditBucket, type Payer } from './creditBucket';
import { PollSchedule } from './pollSchedule';
import { SolveAbortedError, SolveTimeoutError } from './solveErrors';

/** What the poller needs from the transport: one res.php call. */
export type ResCall = (params: Record<string, string>) => Promise<ApiResponse>;

export interface PollRequest {
	captchaId: string;
	/** Clock time from which this id needs polling (submit time + the method's first-poll delay). */
	firstPollAt: number;
	/** This id's cost rate: alone it would be polled once per interval; many pending ids share polls faster. */
	intervalMs: number;
	/** Clock time after which the wait fails with SolveTimeoutError. */
	deadline: number;
	/** The answer may be taken from the multi-id answer (pipe-free, no extras); otherwise fetched alone. */
	multiGetAnswer: boolean;
	signal?: AbortSignal;
}

interface Pending extends PollRequest {
	/** Not polled before this (a retry delay or an account block); -Infinity otherwise. */
	nextPollAt: number;
	/** The account block that kept this id from being polled, reported if the deadline passes meanwhile. */
	blockedBy?: TwoCaptchaApiError;
	/** Its share of the credit. */
	payer: Payer;
	resolve: (answer: RawAnswer) => void;
	reject: (error: Error) => void;
}

export interface BatchPollerOptions {
	/** Ids per `action=get&ids=` request. */
	maxIdsPerRequest?: number;
	/** The shortest time between two polls, however many ids are pending. */
	minIntervalMs?: number;
	/** Poll credits the poller may save up while ids pay for more polls than it makes. */
	maxCredits?: number;
	/** Waits before retrying a res.php request that failed in transport, or was told to slow down. */
	retryDelayMs?: number;
	/** Told when res.php answers a temporary account block (ERROR 1005 / 1004) lasting `ms`. */
	onBlocked?: (ms: number) => void;
}

/**
 * One poller per API key, shared by every item of every execution in the process. Each poll asks res.php
 * about EVERY pending id at once (`action=get&ids=a,b,c`): an id costs nothing to add to a poll that is made
 * anyway, so it rides along from its submission on, and its answer is delivered by the first poll after it is
 * ready. An id's first-poll time only decides when a poll becomes needed.
 *
 * How often: every pending id past its first poll pays for one request per its own interval (what polling it
 * alone would cost: 5 s by default) and for its first poll (creditBucket.ts). Polls are made as soon as the paid
 * credit allows, never closer than `minIntervalMs`. One captcha is thus polled every 5 s; a hundred pay for far
 * more than one poll per `minIntervalMs`, which is then the interval, and the credit they leave (up to
 * `maxCredits`) keeps the last few of them on that fast pace too. Requests never exceed what polling each id
 * alone would cost, so the res.php budget (see rateLimiter.ts) holds, however long the engine runs.
 *
 * Which ids ride, when a poll is needed and which deadlines have passed are kept in order (pollSchedule.ts): one
 * turn of the loop costs O(log n) plus the ids it polls or expires, never a scan of every pending id.
 *
 * Answers that may contain '|' (FunCaptcha, KeyCaptcha, Rotate, JSON answers) would be mis-split in the
 * multi-id answer: such ids are polled in their own batches, where the multi-id answer is only used to
 * learn which ids are no longer pending; their answers are then fetched one by one with `action=get&id=`.
 */
export class BatchPoller {
	private readonly pending = new Map<string, Pending>();
	private readonly schedule = new PollSchedule<Pending>();
	private readonly credit: CreditBucket;
	/** One abort listener per signal (an execution's items share one), not one per id. */
	private readonly signals = new AbortGroups<Pending>((entry) => this.settle(entry, new SolveAbortedError(entry.captchaId)));
	private running = false;
	private wake?: AbortController;
	private lastPollAt = -Infinity;
	/** When the loop's current sleep ends (-Infinity while it is awake). */
	private sleepingUntil = -Infinity;
	private readonly maxIds: number;
	private readonly minIntervalMs: number;
	private readonly retryDelayMs: number;

	constructor(
		private readonly res: ResCall,
		private readonly clock: Clock,
		private readonly options: BatchPollerOptions = {},
	) {
		this.maxIds = options.maxIdsPerRequest ?? 100;
		this.minIntervalMs = options.minIntervalMs ?? 1500;
		this.retryDelayMs = options.retryDelayMs ?? 5000;
		this.credit = new CreditBucket(options.maxCredits ?? 10, clock.now());
	}

	get size(): number {
		return this.pending.size;
	}

	/** Whether `captchaId` is being waited for. */
	has(captchaId: string): boolean {
		return this.pending.has(captchaId);
	}

	/** Resolves with the answer, or rejects with TwoCaptchaApiError / SolveTimeoutError / SolveAbortedError. */
	wait(request: PollRequest): Promise<RawAnswer> {
		return new Promise<RawAnswer>((resolve, reject) => {
			if (request.signal?.aborted) return reject(new SolveAbortedError(request.captchaId));
			if (this.pending.has(request.captchaId)) {
				return reject(new ProtocolError(`Captcha ID ${request.captchaId} is already pending: protocol error`, request.captchaId));
			}
			const now = this.clock.now();
			const payer = this.credit.join(request.firstPollAt, request.intervalMs, now);
			const entry: Pending = { ...request, nextPollAt: -Infinity, payer, resolve, reject };
			this.signals.add(entry.signal, entry);
			this.pending.set(request.captchaId, entry);
			this.schedule.add(entry, now);
			// A burst of submissions costs no rescan per id: the sleeping loop is woken only when it would
			// otherwise sleep past this id's first poll or deadline.
			if (!this.running || Math.min(request.firstPollAt, request.deadline) < this.sleepingUntil) this.wakeUp();
		});
	}

	private isPending(entry: Pending): boolean {
		return this.pending.get(entry.captchaId) === entry;
	}

	private settle(entry: Pending, outcome: RawAnswer | Error): void {
		if (!this.isPending(entry)) return;
		this.pending.delete(entry.captchaId);
		this.credit.leave(entry.payer, this.clock.now());
		this.schedule.delete(entry);
		this.signals.delete(entry.signal, entry);
		if (outcome instanceof Error) entry.reject(outcome);
		else entry.resolve(outcome);
		if (this.pending.size === 0) this.wake?.abort();
	}

	/** Starts the loop, or makes a sleeping one look again (a new id, a settled request). */
	private wakeUp(): void {
		if (this.running) this.wake?.abort();
		else void this.loop();
	}

	private async loop(): Promise<void> {
		this.running = true;
		try {
			while (this.pending.size > 0) {
				const now = this.clock.now();
				this.credit.earn(now);
				for (const entry of this.schedule.expired(now)) this.settle(entry, timeoutError(entry));
				this.schedule.release(now);
				const pollAt = this.nextPollAt(now);
				if (pollAt <= now) {
					this.pollAll(now);
					continue;
				}
				await this.sleepUntil(Math.min(pollAt, this.schedule.nextDeadline()));
			}
		} finally {
			this.running = false;
		}
	}

	/**
	 * When the next poll is due: once an id needs one (its first poll has come), the credit pays for it and
	 * `minIntervalMs` has passed since the last. Infinity while every id that needs one is in a request.
	 */
	private nextPollAt(now: number): number {
		const needed = this.schedule.neededAt();
		const paid = this.credit.paidAt(now); // Infinity while no id pays yet: then looked at again when one needs a poll
		return Math.max(needed, Number.isFinite(paid) ? paid : needed, this.lastPollAt + this.minIntervalMs);
	}

	/** Sleeps until `wakeAt` (the next poll, or a deadline that comes first), unless woken. */
	private async sleepUntil(wakeAt: number): Promise<void> {
		this.wake = new AbortController();
		this.sleepingUntil = wakeAt;
		try {
			await this.clock.sleep(Math.max(0, wakeAt - this.clock.now()), this.wake.signal);
		} catch {
			// woken early: a new id arrived, a request settled or the last id settled
		} finally {
			this.wake = undefined;
			this.sleepingUntil = -Infinity;
		}
	}

	/**
	 * Starts one poll's requests without waiting for them: a hung request (up to the client's timeout) then
	 * delays only its own ids, while the loop keeps polling the others and enforcing every deadline. Every
	 * rider (every pending id not in a request and not held back) rides on it.
	 */
	private pollAll(now: number): void {
		this.lastPollAt = now;
		const due = this.schedule.takeRiders(now);
		const direct = due.filter((entry) => entry.multiGetAnswer);
		const fetchAlone = due.filter((entry) => !entry.multiGetAnswer);
		for (const group of [direct, fetchAlone]) {
			for (let start = 0; start < group.length; start += this.maxIds) {
				const batch = group.slice(start, start + this.maxIds);
				this.credit.spend();
				void attempt(this.pollBatch(batch)).then(({ error }) => {
					const settledAt = this.clock.now();
					for (const entry of batch) {
						if (error) this.settle(entry, error);
						else if (this.isPending(entry)) this.schedule.returned(entry, settledAt);
					}
					this.wakeUp(); // its ids may join the next poll
				});
			}
		}
	}

	private async pollBatch(batch: Pending[]): Promise<void> {
		// Ids settled meanwhile (deadline, cancellation) are not asked for. Each request takes its credit from the
		// key's rate limiter inside the client (see registry.ts).
		const live = batch.filter((entry) => this.pending.get(entry.captchaId) === entry);
		if (live.length === 0) return;
		const response = await this.send(
			live.length === 1 ? { action: 'get', id: live[0].captchaId } : { action: 'get', ids: live.map((e) => e.captchaId).join(',') },
			live,
		);
		if (!response) return;
		// An answer of several ids that breaks the protocol names none of them: each is asked alone (see send()).
		if (response instanceof ProtocolError) return await this.fetchEachAlone(live);

		if (live.length === 1) return this.handleSingle(live[0], response);
		// A status for the whole multi-id request (a per-id code, one the catalogue does not list): it names no id,
		// so each id is asked alone and its own answer decides. So is an answer that is not text: answers come
		// joined as text, anything else does not match the ids asked (and is never stringified).
		if (statusOf(response) || typeof response.request !== 'string') return await this.fetchEachAlone(live);
		const parts = splitMultiIdAnswer(response.request, live.map((entry) => entry.captchaId), live[0].multiGetAnswer);
		// The joined answer does not match the ids asked: never guess, ask each id alone (those answers name one id).
		if (parts instanceof ProtocolError) return await this.fetchEachAlone(live);
		const alone: Pending[] = [];
		live.forEach((entry, i) => {
			const part = parts[i];
			if (part.status === 'ready') this.settle(entry, { request: part.answer, extra: {} });
			else if (part.status === 'failed') this.settle(entry, new TwoCaptchaApiError(classifyStatus(part.code), entry.captchaId));
			else if (part.status === 'fetchAlone') alone.push(entry);
		});
		await this.fetchEachAlone(alone);
	}

	/** Concurrently, so that one hung request delays the others by nothing rather than by its timeout each. */
	private async fetchEachAlone(entries: Pending[]): Promise<void> {
		await Promise.all(entries.map(async (entry) => await this.fetchAlone(entry)));
	}

	private async fetchAlone(entry: Pending): Promise<void> {
		if (this.pending.get(entry.captchaId) !== entry) return;
		const response = await this.send({ action: 'get', id: entry.captchaId }, [entry]);
		if (response && !(response instanceof ProtocolError)) this.handleSingle(entry, response);
	}

	/** One id's answer: the solution, not ready yet, or a status that settles it (`unknown` ones too, with their raw text). */
	private handleSingle(entry: Pending, response: ApiResponse): void {
		const status = statusOf(response);
		if (!status) return this.settle(entry, { request: response.request, extra: response.extra });
		if (status.category !== 'notReady') this.settle(entry, new TwoCaptchaApiError(status, entry.captchaId));
	}

	/**
	 * One res.php request for `batch`. Returns undefined when the poll must simply be tried again later
	 * (transport failure, a slow-down code); fails the whole batch on account-level errors. An answer that breaks
	 * the protocol (ProtocolError: never retried) fails a lone id with it, its captcha id kept; for several ids it
	 * names none of them, so it is returned and each is asked alone.
	 */
	private async send(params: Record<string, string>, batch: Pending[]): Promise<ApiResponse | ProtocolError | undefined> {
		try {
			const response = await this.res(params);
			const info = statusOf(response);
			// An answer, not ready, a per-id code (unsolvable, wrong id...) or a status nobody knows: the caller
			// settles that id, or asks the ids of a multi-id request alone.
			if (!info || isCaptchaStatus(info)) return response;
			if (info.category === 'retryAfter') return this.postpone(batch, info.retryAfterMs ?? this.retryDelayMs);
			if (info.category === 'accountSuspended' && info.blockMs) {
				// A temporary block (ERROR 1005: too many res.php requests; 1004): these captchas are paid for, so
				// wait it out, polling nothing; an id whose deadline comes first fails with this code.
				this.options.onBlocked?.(info.blockMs);
				const error = new TwoCaptchaApiError(info);
				for (const entry of batch) entry.blockedBy = error;
				return this.postpone(batch, info.blockMs);
			}
			for (const entry of batch) this.settle(entry, new TwoCaptchaApiError(info, entry.captchaId));
			return undefined;
		} catch (error) {
			if (error instanceof TransportError) return this.postpone(batch, this.retryDelayMs);
			if (error instanceof ProtocolError && batch.length > 1) return error;
			if (error instanceof ProtocolError) return void this.settle(batch[0], new ProtocolError(error.message, batch[0].captchaId));
			for (const entry of batch) this.settle(entry, error instanceof Error ? error : new Error(String(error)));
			return undefined;
		}
	}

	private postpone(batch: Pending[], delayMs: number): undefined {
		const at = this.clock.now() + delayMs;
		for (const entry of batch) entry.nextPollAt = Math.max(entry.nextPollAt, at);
		return undefined;
	}
}

function timeoutError(entry: Pending): Error {
	return entry.blockedBy ? TwoCaptchaApiError.fromCode(entry.blockedBy.code, entry.captchaId) : new SolveTimeoutError(entry.captchaId);
}
