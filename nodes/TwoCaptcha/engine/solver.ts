import { setMaxListeners } from 'node:events';

import { attempt } from '../lib/async';
import { issuedCaptchaId } from '../transport/captchaId';
import { ProtocolError, TransportError, TwoCaptchaApiError, statusOf } from '../transport/errors';
import { excerpt } from '../transport/redact';
import type { ApiResponse, RawAnswer, UploadFile } from '../transport/types';
import type { BatchPoller } from './batchPoller';
import { deadlineSignal, type Clock } from './clock';
import type { CongestionGate } from './congestion';
import { Semaphore } from './semaphore';
import { SolveAbortedError, SubmitTimeoutError } from './solveErrors';

export interface SolveTask {
	/** in.php parameters (method and the method's fields); the client adds key, json and the credential's soft_id. */
	params: Record<string, string | number | undefined>;
	files?: UploadFile[];
	firstPollMs: number;
	pollIntervalMs: number;
	timeoutMs: number;
	multiGetAnswer: boolean;
}

export interface SolveOutcome {
	/** The id of the last accepted submission (the one whose answer or error this is). */
	captchaId?: string;
	/** Every captcha id 2Captcha issued for the task, in order, including those an unsolvable-retry replaced. */
	captchaIds: string[];
	answer?: RawAnswer;
	error?: Error;
	/** Paid submissions made for this task (1 + unsolvable retries). */
	submissions: number;
}

export interface SolverDeps {
	submit: (params: SolveTask['params'], files: UploadFile[] | undefined, signal?: AbortSignal) => Promise<ApiResponse>;
	/** Waits for an in.php slot; resolves false, taking none, when `admit()` refuses once the slot is free. */
	acquireSubmit: (signal?: AbortSignal, admit?: () => boolean) => Promise<boolean | void>;
	poller: BatchPoller;
	gate: CongestionGate;
	clock: Clock;
}

export interface SolveOptions {
	/** 'wait' polls for the answer; 'submit' returns as soon as the captcha id is known. */
	mode: 'wait' | 'submit';
	maxInFlight: number;
	/** Resubmissions after ERROR_CAPTCHA_UNSOLVABLE (the service does not charge unsolvable captchas). */
	unsolvableRetries: number;
	/** Resubmissions after an answer that is not a 2Captcha answer (HTML 5xx page, reset): the spec says retry in 5 s. */
	transportRetries?: number;
	transportRetryDelayMs?: number;
	signal?: AbortSignal;
}

/**
 * Solves many captchas at once: every task is submitted as soon as the rate limiter and the in-flight cap
 * allow, then waits on the shared batch poller. Outcomes come back in task order, one per task, never thrown.
 *
 * An account-level error (wrong key, zero balance, suspension) stops further submissions of this run: the
 * remaining tasks fail with that one error without being sent, while captchas already paid for are still
 * polled to the end.
 */
export async function solveAll(tasks: SolveTask[], deps: SolverDeps, options: SolveOptions): Promise<SolveOutcome[]> {
	// Last line of defence behind the settings' validation: a setting that is not a number never means "no limit".
	const maxInFlight = wholeAtLeast(options.maxInFlight, 1, 1);
	const run: RunState = {
		options: { ...options, unsolvableRetries: wholeAtLeast(options.unsolvableRetries, 0, 0) },
		issued: new Set(),
		error: undefined,
	};
	// One signal for the run, linked to the execution's by ONE listener. Every wait of an item in flight listens to
	// it (gate, rate limiter, sleeps: a few each, removed as each wait ends), so its bound follows Max In Flight.
	const controller = new AbortController();
	setMaxListeners(4 * maxInFlight + 16, controller.signal);
	const onAbort = () => controller.abort(options.signal?.reason);
	if (options.signal?.aborted) onAbort();
	else options.signal?.addEventListener('abort', onAbort, { once: true });
	run.options.signal = controller.signal;

	const slots = new Semaphore(maxInFlight);
	const solveOne = async (task: SolveTask): Promise<SolveOutcome> => {
		await slots.acquire();
		const outcome = await attemptTask(task, deps, run);
		slots.release();
		if (outcome.error && isAccountLevel(outcome.error) && !run.error) run.error = outcome.error;
		return outcome;
	};
	try {
		return await Promise.all(tasks.map(solveOne));
	} finally {
		options.signal?.removeEventListener('abort', onAbort);
	}
}

interface RunState {
	options: SolveOptions;
	/** Ids issued in this run: one answered again for another submission is a protocol error. */
	issued: Set<string>;
	/** An account-level error that stops further submissions of this run. */
	error: Error | undefined;
}

function wholeAtLeast(value: unknown, min: number, fallback: number): number {
	const number = Math.floor(Number(value));
	return Number.isFinite(number) ? Math.max(min, number) : fallback;
}

/**
 * The id in.php answered, checked: decimal digits, not issued before in this run, not pending in the poller. A
 * failed check is a ProtocolError for the item (the submission may have been paid: the id, when well-formed,
 * is still reported in captchaIds).
 */
function checkIssuedId(answered: unknown, deps: SolverDeps, run: RunState, outcome: SolveOutcome): ProtocolError | string {
	const id = issuedCaptchaId(answered);
	if (id === undefined) {
		// Quoted (short, redacted) so that a submission that may have been paid can be traced.
		return new ProtocolError(
			`in.php accepted the captcha but answered an ID that is not a 2Captcha ID (1-20 digits): protocol error; the service answered: ${excerpt(answered, [], 80)}`,
		);
	}
	outcome.captchaIds.push(id);
	if (run.issued.has(id) || deps.poller.has(id)) {
		return new ProtocolError(`in.php answered captcha ID ${id}, which is already issued for another captcha: protocol error`, id);
	}
	run.issued.add(id);
	return id;
}

/** Submits and waits, resubmitting an unsolvable captcha as allowed. Never throws: failures land in `error`. */
async function attemptTask(task: SolveTask, deps: SolverDeps, run: RunState): Promise<SolveOutcome> {
	const { options } = run;
	const outcome: SolveOutcome = { submissions: 0, captchaIds: [] };
	const timings = [task.firstPollMs, task.pollIntervalMs, task.timeoutMs];
	if (!timings.every((ms) => Number.isFinite(ms) && ms >= 0)) {
		return { ...outcome, error: new Error('Solver Settings hold a duration that is not a number: nothing was sent') };
	}
	for (let attemptNo = 0; ; attemptNo++) {
		const submitted = await attempt(submitWithBackoff(task, deps, run, outcome));
		if (submitted.error) return { ...outcome, error: submitted.error };
		const captchaId = checkIssuedId(submitted.value, deps, run, outcome);
		if (captchaId instanceof ProtocolError) return { ...outcome, error: captchaId };
		outcome.captchaId = captchaId;
		if (options.mode === 'submit') return outcome;
		const now = deps.clock.now();
		const waited = await attempt(
			deps.poller.wait({
				captchaId,
				firstPollAt: now + task.firstPollMs,
				intervalMs: task.pollIntervalMs,
				deadline: now + task.timeoutMs,
				multiGetAnswer: task.multiGetAnswer,
				signal: options.signal,
			}),
		);
		if (!waited.error) return { ...outcome, answer: waited.value };
		const unsolvable = waited.error instanceof TwoCaptchaApiError && waited.error.code === 'ERROR_CAPTCHA_UNSOLVABLE';
		if (!unsolvable || attemptNo >= options.unsolvableRetries) return { ...outcome, error: waited.error };
	}
}

/**
 * One paid submission. Slow-down codes (NO_SLOT, MAX_USER_TURN, ERROR 1003) go through the congestion gate
 * until the task's timeout; a reply that is not a 2Captcha answer is retried as the spec advises, at most
 * `transportRetries` times.
 */
async function submitWithBackoff(
	task: SolveTask,
	deps: SolverDeps,
	run: RunState,
	outcome: SolveOutcome,
): Promise<unknown> {
	const { options } = run;
	// Every wait before a submission (gate, rate limiter, Redis-shared slots, retry delays) ends at the item's
	// Timeout or on Stop; the in.php request itself ends only on Stop (cutting it would lose a paid captcha's id).
	const deadline = deadlineSignal(deps.clock, task.timeoutMs, options.signal);
	const problems: { last?: Error } = {};
	const sent = await attempt(submitUntilAccepted(task, deps, run, outcome, deadline.signal, problems));
	deadline.dispose();
	if (sent.error && deadline.expired() && !options.signal?.aborted) throw problems.last ?? new SubmitTimeoutError(task.timeoutMs);
	if (sent.error) throw sent.error;
	return sent.value;
}

async function submitUntilAccepted(
	task: SolveTask,
	deps: SolverDeps,
	run: RunState,
	outcome: SolveOutcome,
	waitSignal: AbortSignal,
	problems: { last?: Error },
): Promise<unknown> {
	const { options } = run;
	let transportFailures = 0;
	for (;;) {
		if (options.signal?.aborted) throw new SolveAbortedError();
		waitSignal.throwIfAborted();
		const isProbe = await deps.gate.enter(waitSignal);
		const sent = await attempt(submitOnce(task, deps, run, isProbe, waitSignal));
		const reply = sent.error ? undefined : sent.value;
		deps.gate.leave(isProbe, { slowDownMs: reply?.status === 0 ? reply.retryAfterMs : undefined, accepted: reply?.status === 1 });
		if (sent.error) {
			if (!(sent.error instanceof TransportError) || transportFailures >= (options.transportRetries ?? 2)) throw sent.error;
			transportFailures++;
			problems.last = sent.error; // what the item fails with if its Timeout passes before the next attempt
			await deps.clock.sleep(options.transportRetryDelayMs ?? 5000, waitSignal);
			continue;
		}
		if (!reply) continue; // held back: the gate closed while this submission waited for the rate limiter
		if (reply.status === 1) {
			outcome.submissions++;
			return reply.answered;
		}
		problems.last = reply.error;
	}
}

/** `answered`: the id as in.php answered it, checked by checkIssuedId. */
type SubmitReply = { status: 1; answered: unknown } | { status: 0; retryAfterMs: number; error: Error };

/**
 * in.php once: the captcha id, a slow-down answer, or a thrown error for anything else. Undefined, with no
 * request, when a slow-down answer arrived while this submission queued for the rate limiter and it is not the
 * probe: otherwise every queued submission would still go out, and a NO_SLOT storm would provoke ERROR: 1001.
 */
async function submitOnce(
	task: SolveTask,
	deps: SolverDeps,
	run: RunState,
	isProbe: boolean,
	waitSignal: AbortSignal,
): Promise<SubmitReply | undefined> {
	if ((await deps.acquireSubmit(waitSignal, () => deps.gate.admits(isProbe))) === false) return undefined;
	// An account-level error of another item, known by now, stops this submission.
	if (run.error) throw run.error;
	const response = await deps.submit(task.params, task.files, run.options.signal);
	const status = statusOf(response);
	if (!status) return { status: 1, answered: response.request };
	const error = new TwoCaptchaApiError(status);
	if (error.category !== 'retryAfter') throw error;
	return { status: 0, retryAfterMs: error.retryAfterMs ?? 5000, error };
}

function isAccountLevel(error: Error): boolean {
	return (
		error instanceof TwoCaptchaApiError &&
		(error.category === 'fatalConfig' || error.category === 'accountSuspended')
	);
}
