import type { RawAnswer } from '../catalogue/types';
import type { ApiResponse } from '../transport/types';
import { ProtocolError, TransportError, TwoCaptchaApiError, classifyStatus, statusOf } from '../transport/errors';
import { splitMultiIdAnswer } from '../shared/multiIdAnswer';
import { attempt } from '../shared/async';
import type { Clock } from './clock';
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
	/** A request about this id is under way: it joins no other until that one has settled. */
	inFlight?: boolean;
	/** The account block that kept this id from being polled, reported if the deadline passes meanwhile. */
	blockedBy?: TwoCaptchaApiError;
	/** It pays for polls from then on (one interval before its first poll); `active` once it does. */
	activatesAt: number;
	active?: boolean;
	resolve: (answer: RawAnswer) => void;
	reject: (error: Error) => void;
}

/** The pending ids of one abort signal, and the one listener the poller keeps on it. */
interface Watched {
	entries: Set<Pending>;
	onAbort: () => void;
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
 * alone would cost: 5 s by default) and for its first poll. Polls are made as soon as the paid credit allows,
 * never closer than `minIntervalMs`. One captcha is thus polled every 5 s; a hundred pay for far more than one
 * poll per `minIntervalMs`, which is then the interval, and the credit they leave (up to `maxCredits`) keeps the
 * last few of them on that fast pace too. Requests never exceed what polling each id alone would cost, so the
 * res.php budget (see rateLimiter.ts) holds, however long the engine runs.
 *
 * Answers that may contain '|' (FunCaptcha, KeyCaptcha, Rotate, JSON answers) would be mis-split in the
 * multi-id answer: such ids are polled in their own batches, where the multi-id answer is only used to
 * learn which ids are no longer pending; their answers are then fetched one by one with `action=get&id=`.
 */
export class BatchPoller {
	private readonly pending = new Map<string, Pending>();
	/** One abort listener per signal (an execution's items share one), not one per id. */
	private readonly watched = new Map<AbortSignal, Watched>();
	private running = false;
	private wake?: AbortController;
	/** Requests paid for by pending ids and not yet made; the clock time it was last brought up to date. */
	private credits = 0;
	private creditsAt: number;
	/** Credits per ms paid by the active ids; the ids not active yet, soonest first. */
	private activeRate = 0;
	private inactive: Pending[] = [];
	private lastPollAt = -Infinity;
	/** When the loop's current sleep ends (-Infinity while it is awake). */
	private sleepingUntil = -Infinity;
	private readonly maxIds: number;
	private readonly minIntervalMs: number;
	private readonly maxCredits: number;
	private readonly retryDelayMs: number;

	constructor(
		private readonly res: ResCall,
		private readonly clock: Clock,
		private readonly options: BatchPollerOptions = {},
	) {
		this.maxIds = options.maxIdsPerRequest ?? 100;
		this.minIntervalMs = options.minIntervalMs ?? 1500;
		this.maxCredits = options.maxCredits ?? 10;
		this.retryDelayMs = options.retryDelayMs ?? 5000;
		this.creditsAt = clock.now();
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
			this.earnCredits(now);
			// What it would have paid since one interval before its first poll (all of it for a first poll due now).
			this.credits += Math.min(1, Math.max(0, now - (request.firstPollAt - request.intervalMs)) / request.intervalMs);
			const entry: Pending = { ...request, nextPollAt: -Infinity, activatesAt: request.firstPollAt - request.intervalMs, resolve, reject };
			this.watch(entry);
			this.pending.set(request.captchaId, entry);
			this.track(entry, now);
			// A burst of submissions costs no rescan per id: the sleeping loop is woken only when it would
			// otherwise sleep past this id's first poll or deadline.
			if (!this.running || Math.min(request.firstPollAt, request.deadline) < this.sleepingUntil) this.wakeUp();
		});
	}

	private settle(entry: Pending, outcome: RawAnswer | Error): void {
		if (this.pending.get(entry.captchaId) !== entry) return;
		this.earnCredits(this.clock.now());
		this.pending.delete(entry.captchaId);
		if (entry.active) this.activeRate -= 1 / entry.intervalMs;
		if (this.pending.size === 0) {
			this.activeRate = 0; // no drift of the float sum across runs
			this.inactive = [];
		}
		this.unwatch(entry);
		if (outcome instanceof Error) entry.reject(outcome);
		else entry.resolve(outcome);
		if (this.pending.size === 0) this.wake?.abort();
	}

	private watch(entry: Pending): void {
		const signal = entry.signal;
		if (!signal) return;
		let watched = this.watched.get(signal);
		if (!watched) {
			const entries = new Set<Pending>();
			const onAbort = () => {
				for (const aborted of [...entries]) this.settle(aborted, new SolveAbortedError(aborted.captchaId));
			};
			watched = { entries, onAbort };
			this.watched.set(signal, watched);
			signal.addEventListener('abort', onAbort, { once: true });
		}
		watched.entries.add(entry);
	}

	private unwatch(entry: Pending): void {
		const signal = entry.signal;
		const watched = signal && this.watched.get(signal);
		if (!watched) return;
		watched.entries.delete(entry);
		if (watched.entries.size > 0) return;
		signal.removeEventListener('abort', watched.onAbort);
		this.watched.delete(signal);
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
				this.earnCredits(now);
				for (const entry of [...this.pending.values()]) {
					if (now >= entry.deadline) this.settle(entry, timeoutError(entry));
				}
				const pollAt = this.nextPollAt(now);
				if (pollAt <= now) {
					this.pollAll(now);
					continue;
				}
				await this.sleepUntil(pollAt);
			}
		} finally {
			this.running = false;
		}
	}

	/**
	 * Each pending id pays one request per its interval from one interval before its first poll (so that it has
	 * paid for its first poll by then); credit beyond `maxCredits` is lost.
	 */
	/** From its activation on, an id adds its share to the rate at which credits are earned. */
	private track(entry: Pending, now: number): void {
		if (entry.activatesAt <= now) {
			entry.active = true;
			this.activeRate += 1 / entry.intervalMs;
			return;
		}
		let low = 0;
		let high = this.inactive.length;
		while (low < high) {
			const mid = (low + high) >> 1;
			if (this.inactive[mid].activatesAt <= entry.activatesAt) low = mid + 1;
			else high = mid;
		}
		this.inactive.splice(low, 0, entry);
	}

	/** Brings the credits up to `now`: O(1) per call, plus each id once when it becomes active. */
	private earnCredits(now: number): void {
		if (now <= this.creditsAt) return; // nothing earned since
		this.credits += this.activeRate * (now - this.creditsAt);
		while (this.inactive.length > 0 && this.inactive[0].activatesAt <= now) {
			const entry = this.inactive.shift()!;
			if (this.pending.get(entry.captchaId) !== entry) continue; // settled before it became active
			this.credits += (now - Math.max(this.creditsAt, entry.activatesAt)) / entry.intervalMs;
			entry.active = true;
			this.activeRate += 1 / entry.intervalMs;
		}
		this.credits = Math.min(this.credits, this.maxCredits);
		this.creditsAt = now;
	}

	/** Ids that may join a poll now: not in a request, not held back. */
	private riders(now: number): Pending[] {
		return [...this.pending.values()].filter((entry) => !entry.inFlight && entry.nextPollAt <= now);
	}

	/**
	 * When the next poll is due: once an id needs one (its first poll has come), the credit pays for it and
	 * `minIntervalMs` has passed since the last. Infinity while every id that needs one is in a request.
	 */
	private nextPollAt(now: number): number {
		let needed = Infinity;
		const rate = this.activeRate; // credits per ms, brought up to `now` by the loop
		for (const entry of this.pending.values()) {
			if (!entry.inFlight) needed = Math.min(needed, Math.max(entry.firstPollAt, entry.nextPollAt));
		}
		const paid = this.credits >= 1 - 1e-9 ? now : rate > 0 ? now + (1 - this.credits) / rate : needed;
		return Math.max(needed, paid, this.lastPollAt + this.minIntervalMs);
	}

	/** Sleeps until `pollAt` or the next deadline, whichever comes first, unless woken. */
	private async sleepUntil(pollAt: number): Promise<void> {
		let wakeAt = pollAt;
		for (const entry of this.pending.values()) wakeAt = Math.min(wakeAt, entry.deadline);
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
	 * delays only its own ids, while the loop keeps polling the others and enforcing every deadline.
	 */
	private pollAll(now: number): void {
		this.lastPollAt = now;
		const due = this.riders(now);
		const direct = due.filter((entry) => entry.multiGetAnswer);
		const fetchAlone = due.filter((entry) => !entry.multiGetAnswer);
		for (const group of [direct, fetchAlone]) {
			for (let start = 0; start < group.length; start += this.maxIds) {
				const batch = group.slice(start, start + this.maxIds);
				this.credits--;
				for (const entry of batch) entry.inFlight = true;
				void attempt(this.pollBatch(batch)).then(({ error }) => {
					for (const entry of batch) {
						entry.inFlight = false;
						if (error) this.settle(entry, error);
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

		if (live.length === 1) return this.handleSingle(live[0], response);
		// A status for the whole multi-id request (a per-id code, one the catalogue does not list): it names no id,
		// so each id is asked alone and its own answer decides.
		if (statusOf(response)) return await this.fetchEachAlone(live);
		const parts = splitMultiIdAnswer(String(response.request), live.map((entry) => entry.captchaId), live[0].multiGetAnswer);
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
		if (response) this.handleSingle(entry, response);
	}

	/** One id's answer: the solution, not ready yet, or a status that settles it (`unknown` ones too, with their raw text). */
	private handleSingle(entry: Pending, response: ApiResponse): void {
		const status = statusOf(response);
		if (!status) return this.settle(entry, { request: response.request, extra: response.extra });
		if (status.category !== 'notReady') this.settle(entry, new TwoCaptchaApiError(status, entry.captchaId));
	}

	/**
	 * One res.php request for `batch`. Returns undefined when the poll must simply be tried again later
	 * (transport failure, a slow-down code); fails the whole batch on account-level errors.
	 */
	private async send(params: Record<string, string>, batch: Pending[]): Promise<ApiResponse | undefined> {
		try {
			const response = await this.res(params);
			const info = statusOf(response);
			// An answer, not ready, a per-id code (unsolvable, wrong id...) or a status nobody knows: the caller
			// settles that id, or asks the ids of a multi-id request alone.
			if (!info || info.category === 'notReady' || info.category === 'fatalTask' || info.category === 'unknown') return response;
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
