import type { RawAnswer } from '../catalogue/types';
import type { ApiResponse } from '../transport/types';
import { NOT_READY, ProtocolError, TransportError, TwoCaptchaApiError, classifyCode } from '../transport/errors';
import { splitMultiIdAnswer } from '../shared/multiIdAnswer';
import { attempt } from '../shared/async';
import type { Clock } from './clock';
import { SolveAbortedError, SolveTimeoutError } from './solveErrors';

/** What the poller needs from the transport: one res.php call. */
export type ResCall = (params: Record<string, string>) => Promise<ApiResponse>;

export interface PollRequest {
	captchaId: string;
	/** Clock time of the first poll (submit time + the method's first-poll delay). */
	firstPollAt: number;
	intervalMs: number;
	/** Clock time after which the wait fails with SolveTimeoutError. */
	deadline: number;
	/** The answer may be taken from the multi-id answer (pipe-free, no extras); otherwise fetched alone. */
	multiGetAnswer: boolean;
	signal?: AbortSignal;
}

interface Pending extends PollRequest {
	nextPollAt: number;
	/** A request about this id is under way: it is not due again until that one has settled. */
	inFlight?: boolean;
	/** The account block that kept this id from being polled, reported if the deadline passes meanwhile. */
	blockedBy?: TwoCaptchaApiError;
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
	/**
	 * Share of the interval by which a poll may come early so that it joins a batch:
	 * 0.25 → ids due within the next quarter interval ride along with the ids due now.
	 */
	coalesceRatio?: number;
	/** Waits before retrying a res.php request that failed in transport, or was told to slow down. */
	retryDelayMs?: number;
	/** Waits for the rate limiter before every res.php request. */
	acquire?: (signal?: AbortSignal) => Promise<void>;
	/** Told when res.php answers a temporary account block (ERROR 1005 / 1004) lasting `ms`. */
	onBlocked?: (ms: number) => void;
}


/**
 * One poller per API key, shared by every item of every execution in the process.
 * Each tick asks res.php for all due ids at once (`action=get&ids=a,b,c`), so the number of
 * res.php requests grows with time, not with the number of captchas.
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
	/** When the last poll tick started; later ticks keep to its grid. */
	private lastTickAt?: number;
	private wake?: AbortController;
	/** When the loop's current sleep ends (-Infinity while it is awake). */
	private sleepingUntil = -Infinity;
	private readonly maxIds: number;
	private readonly coalesceRatio: number;
	private readonly retryDelayMs: number;

	constructor(
		private readonly res: ResCall,
		private readonly clock: Clock,
		private readonly options: BatchPollerOptions = {},
	) {
		this.maxIds = options.maxIdsPerRequest ?? 100;
		this.coalesceRatio = options.coalesceRatio ?? 0.25;
		this.retryDelayMs = options.retryDelayMs ?? 5000;
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
			const entry: Pending = { ...request, nextPollAt: request.firstPollAt, resolve, reject };
			this.watch(entry);
			this.pending.set(request.captchaId, entry);
			// Wake the loop only if it sleeps past this id's first poll or deadline: a burst of submissions then
			// costs no rescan of every pending id per new id.
			if (Math.min(request.firstPollAt, request.deadline) < this.sleepingUntil) this.wake?.abort();
			if (!this.running) void this.loop();
		});
	}

	private settle(entry: Pending, outcome: RawAnswer | Error): void {
		if (this.pending.get(entry.captchaId) !== entry) return;
		this.pending.delete(entry.captchaId);
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

	private async loop(): Promise<void> {
		this.running = true;
		try {
			while (this.pending.size > 0) {
				const now = this.clock.now();
				for (const entry of [...this.pending.values()]) {
					if (now >= entry.deadline) this.settle(entry, timeoutError(entry));
				}
				// Woken off the grid (a new id, a settled request): only deadlines are checked then.
				const due = this.onGrid(now) ? this.dueEntries(now) : [];
				if (due.length > 0) {
					this.lastTickAt = now;
					this.pollBatches(due);
				}
				await this.sleepUntilNextDue();
			}
		} finally {
			this.running = false;
			this.lastTickAt = undefined;
		}
	}

	private dueEntries(now: number): Pending[] {
		return [...this.pending.values()].filter((entry) => !entry.inFlight && this.dueAt(entry) <= now);
	}

	private onGrid(now: number): boolean {
		if (this.lastTickAt === undefined) return true;
		let interval = Infinity;
		for (const entry of this.pending.values()) interval = Math.min(interval, entry.intervalMs);
		return now >= this.lastTickAt + interval;
	}

	/** A poll may come a little early to join a batch (coalesceRatio), a first poll never. */
	private dueAt(entry: Pending): number {
		return Math.max(entry.firstPollAt, entry.nextPollAt - entry.intervalMs * this.coalesceRatio);
	}

	/**
	 * Polls keep to one grid of ticks, one poll interval apart, so ids submitted at different moments share
	 * requests: an id's first poll waits for the first tick at or after its first-poll time (late by less than
	 * an interval, never early). Deadlines are kept exactly.
	 */
	private async sleepUntilNextDue(): Promise<void> {
		if (this.pending.size === 0) return;
		let nextPoll = Infinity;
		let deadline = Infinity;
		let interval = Infinity;
		for (const entry of this.pending.values()) {
			if (!entry.inFlight) nextPoll = Math.min(nextPoll, this.dueAt(entry));
			deadline = Math.min(deadline, entry.deadline);
			interval = Math.min(interval, entry.intervalMs);
		}
		if (this.lastTickAt !== undefined && Number.isFinite(nextPoll)) {
			// Never before the next tick: the loop polls nothing off the grid, so waking earlier would only spin.
			const ticks = Math.max(1, Math.ceil((nextPoll - this.lastTickAt) / interval));
			nextPoll = this.lastTickAt + ticks * interval;
		}
		const wakeAt = Math.min(nextPoll, deadline);
		const ms = wakeAt - this.clock.now();
		if (ms <= 0) return;
		this.wake = new AbortController();
		this.sleepingUntil = wakeAt;
		try {
			await this.clock.sleep(ms, this.wake.signal);
		} catch {
			// woken early: a new id arrived, a request settled or the last id settled
		} finally {
			this.wake = undefined;
			this.sleepingUntil = -Infinity;
		}
	}

	/**
	 * Starts the tick's requests without waiting for them: a hung request (up to the client's timeout) then
	 * delays only its own ids, while the loop keeps polling the others and enforcing every deadline.
	 */
	private pollBatches(due: Pending[]): void {
		const direct = due.filter((entry) => entry.multiGetAnswer);
		const fetchAlone = due.filter((entry) => !entry.multiGetAnswer);
		for (const group of [direct, fetchAlone]) {
			for (let start = 0; start < group.length; start += this.maxIds) {
				const batch = group.slice(start, start + this.maxIds);
				for (const entry of batch) entry.inFlight = true;
				void attempt(this.pollBatch(batch)).then(({ error }) => {
					for (const entry of batch) {
						entry.inFlight = false;
						if (error) this.settle(entry, error);
					}
					this.wake?.abort(); // its ids may be due again sooner than the loop is sleeping
				});
			}
		}
	}

	private async pollBatch(batch: Pending[]): Promise<void> {
		// The next poll counts from when this one started, so a slow answer does not push it off the grid.
		const startedAt = this.clock.now();
		await this.options.acquire?.();
		// Ids settled while waiting for the rate limiter (deadline, cancellation) are not asked for.
		const live = batch.filter((entry) => this.pending.get(entry.captchaId) === entry);
		if (live.length === 0) return;
		const response = await this.send(
			live.length === 1 ? { action: 'get', id: live[0].captchaId } : { action: 'get', ids: live.map((e) => e.captchaId).join(',') },
			live,
		);
		if (!response) return;
		for (const entry of live) entry.nextPollAt = startedAt + entry.intervalMs;

		if (live.length === 1) return this.handleSingle(live[0], response);
		const parts = splitMultiIdAnswer(String(response.request), live.map((entry) => entry.captchaId), live[0].multiGetAnswer);
		// The joined answer does not match the ids asked: never guess, ask each id alone (those answers name one id).
		if (parts instanceof ProtocolError) return await this.fetchEachAlone(live);
		const alone: Pending[] = [];
		live.forEach((entry, i) => {
			const part = parts[i];
			if (part.status === 'ready') this.settle(entry, { request: part.answer, extra: {} });
			else if (part.status === 'failed') this.settle(entry, TwoCaptchaApiError.fromCode(part.code, entry.captchaId));
			else if (part.status === 'fetchAlone') alone.push(entry);
		});
		await this.fetchEachAlone(alone);
	}

	/** Concurrently, so that one hung request delays the others by nothing rather than by its timeout each. */
	private async fetchEachAlone(entries: Pending[]): Promise<void> {
		await Promise.all(entries.map(async (entry) => await this.fetchAlone(entry)));
	}

	private async fetchAlone(entry: Pending): Promise<void> {
		await this.options.acquire?.();
		if (this.pending.get(entry.captchaId) !== entry) return;
		const response = await this.send({ action: 'get', id: entry.captchaId }, [entry]);
		if (response) this.handleSingle(entry, response);
	}

	private handleSingle(entry: Pending, response: ApiResponse): void {
		if (response.status === 1) return this.settle(entry, { request: response.request, extra: response.extra });
		const code = String(response.request);
		if (code !== NOT_READY) this.settle(entry, TwoCaptchaApiError.fromCode(code, entry.captchaId));
	}

	/**
	 * One res.php request for `batch`. Returns undefined when the poll must simply be tried again later
	 * (transport failure, a slow-down code); fails the whole batch on account-level errors.
	 */
	private async send(params: Record<string, string>, batch: Pending[]): Promise<ApiResponse | undefined> {
		try {
			const response = await this.res(params);
			if (response.status === 1 || String(response.request) === NOT_READY) return response;
			const code = String(response.request);
			const info = classifyCode(code);
			// Per-id codes (unsolvable, wrong id...): the caller settles that id, or, for several ids, finds the
			// answer does not match the ids asked.
			if (info.category === 'fatalTask') return response;
			if (info.category === 'retryAfter' || info.category === 'transient' || info.category === 'unknown') {
				return this.postpone(batch, info.retryAfterMs ?? this.retryDelayMs);
			}
			if (info.category === 'accountSuspended' && info.blockMs) {
				// A temporary block (ERROR 1005: too many res.php requests; 1004): these captchas are paid for, so
				// wait it out, polling nothing; an id whose deadline comes first fails with this code.
				this.options.onBlocked?.(info.blockMs);
				const error = TwoCaptchaApiError.fromCode(code);
				for (const entry of batch) entry.blockedBy = error;
				return this.postpone(batch, info.blockMs);
			}
			for (const entry of batch) this.settle(entry, TwoCaptchaApiError.fromCode(code, entry.captchaId));
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
