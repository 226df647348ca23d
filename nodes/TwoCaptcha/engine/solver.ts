import type { RawAnswer } from '../catalogue/types';
import type { ApiResponse, UploadFile } from '../transport/types';
import { TransportError, TwoCaptchaApiError } from '../transport/errors';
import type { BatchPoller } from './batchPoller';
import type { Clock } from './clock';
import type { CongestionGate } from './congestion';
import { attempt } from '../shared/async';
import { Semaphore } from './semaphore';
import { SolveAbortedError } from './solveErrors';

export interface SolveTask {
	/** in.php parameters (method and the method's fields); key, json and soft_id are added by the transport. */
	params: Record<string, string | number | undefined>;
	files?: UploadFile[];
	firstPollMs: number;
	pollIntervalMs: number;
	timeoutMs: number;
	multiGetAnswer: boolean;
}

export interface SolveOutcome {
	captchaId?: string;
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
	const slots = new Semaphore(Math.max(1, options.maxInFlight));
	let runError: Error | undefined;

	const solveOne = async (task: SolveTask): Promise<SolveOutcome> => {
		await slots.acquire();
		const outcome = await attemptTask(task, deps, options, () => runError);
		slots.release();
		if (outcome.error && isAccountLevel(outcome.error) && !runError) runError = outcome.error;
		return outcome;
	};

	return Promise.all(tasks.map(solveOne));
}

/** Submits and waits, resubmitting an unsolvable captcha as allowed. Never throws: failures land in `error`. */
async function attemptTask(
	task: SolveTask,
	deps: SolverDeps,
	options: SolveOptions,
	runError: () => Error | undefined,
): Promise<SolveOutcome> {
	const outcome: SolveOutcome = { submissions: 0 };
	for (let attemptNo = 0; ; attemptNo++) {
		const submitted = await attempt(submitWithBackoff(task, deps, options, outcome, runError));
		if (submitted.error) return { ...outcome, error: submitted.error };
		outcome.captchaId = submitted.value;
		if (options.mode === 'submit') return outcome;
		const now = deps.clock.now();
		const waited = await attempt(
			deps.poller.wait({
				captchaId: submitted.value,
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
	options: SolveOptions,
	outcome: SolveOutcome,
	runError: () => Error | undefined,
): Promise<string> {
	const giveUpAt = deps.clock.now() + task.timeoutMs;
	let transportFailures = 0;
	let lastSlowDown: Error | undefined;
	for (;;) {
		if (options.signal?.aborted) throw new SolveAbortedError();
		if (lastSlowDown && deps.clock.now() >= giveUpAt) throw lastSlowDown;
		const isProbe = await deps.gate.enter(options.signal);
		const sent = await attempt(submitOnce(task, deps, options, runError, isProbe));
		const reply = sent.error ? undefined : sent.value;
		deps.gate.leave(isProbe, { slowDownMs: reply?.status === 0 ? reply.retryAfterMs : undefined, accepted: reply?.status === 1 });
		if (sent.error) {
			if (!(sent.error instanceof TransportError) || transportFailures >= (options.transportRetries ?? 2)) throw sent.error;
			transportFailures++;
			await deps.clock.sleep(options.transportRetryDelayMs ?? 5000, options.signal);
			continue;
		}
		if (!reply) continue; // held back: the gate closed while this submission waited for the rate limiter
		if (reply.status === 1) {
			outcome.submissions++;
			return reply.captchaId;
		}
		lastSlowDown = reply.error;
	}
}

type SubmitReply = { status: 1; captchaId: string } | { status: 0; retryAfterMs: number; error: Error };

/**
 * in.php once: the captcha id, a slow-down answer, or a thrown error for anything else. Undefined, with no
 * request, when a slow-down answer arrived while this submission queued for the rate limiter and it is not the
 * probe: otherwise every queued submission would still go out, and a NO_SLOT storm would provoke ERROR: 1001.
 */
async function submitOnce(
	task: SolveTask,
	deps: SolverDeps,
	options: SolveOptions,
	runError: () => Error | undefined,
	isProbe: boolean,
): Promise<SubmitReply | undefined> {
	if ((await deps.acquireSubmit(options.signal, () => deps.gate.admits(isProbe))) === false) return undefined;
	const stop = runError();
	if (stop) throw stop;
	const response = await deps.submit(task.params, task.files, options.signal);
	if (response.status === 1) return { status: 1, captchaId: String(response.request) };
	const error = TwoCaptchaApiError.fromCode(String(response.request));
	if (error.category !== 'retryAfter') throw error;
	return { status: 0, retryAfterMs: error.retryAfterMs ?? 5000, error };
}

function isAccountLevel(error: Error): boolean {
	return (
		error instanceof TwoCaptchaApiError &&
		(error.category === 'fatalConfig' || error.category === 'accountSuspended')
	);
}
