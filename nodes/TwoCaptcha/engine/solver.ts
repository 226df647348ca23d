import type { RawAnswer } from '../catalogue/types';
import type { ApiResponse, UploadFile } from '../transport/types';
import { TransportError, TwoCaptchaApiError, classifyCode } from '../transport/errors';
import type { BatchPoller } from './batchPoller';
import type { Clock } from './clock';
import type { CongestionGate } from './congestion';
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
	acquireSubmit: (signal?: AbortSignal) => Promise<void>;
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
		const outcome: SolveOutcome = { submissions: 0 };
		await slots.acquire();
		try {
			for (let attempt = 0; ; attempt++) {
				const captchaId = await submitWithBackoff(task, deps, options, outcome, () => runError);
				outcome.captchaId = captchaId;
				if (options.mode === 'submit') return outcome;
				try {
					const now = deps.clock.now();
					outcome.answer = await deps.poller.wait({
						captchaId,
						firstPollAt: now + task.firstPollMs,
						intervalMs: task.pollIntervalMs,
						deadline: now + task.timeoutMs,
						multiGetAnswer: task.multiGetAnswer,
						signal: options.signal,
					});
					return outcome;
				} catch (error) {
					const unsolvable = error instanceof TwoCaptchaApiError && error.code === 'ERROR_CAPTCHA_UNSOLVABLE';
					if (!unsolvable || attempt >= options.unsolvableRetries) throw error;
				}
			}
		} catch (error) {
			const failure = error instanceof Error ? error : new Error(String(error));
			if (isAccountLevel(failure) && !runError) runError = failure;
			outcome.error = failure;
			return outcome;
		} finally {
			slots.release();
		}
	};

	return Promise.all(tasks.map(solveOne));
}

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
		let slowDownMs: number | undefined;
		try {
			await deps.acquireSubmit(options.signal);
			const stop = runError();
			if (stop) throw stop;
			const response = await deps.submit(task.params, task.files, options.signal);
			if (response.status === 1) {
				outcome.submissions++;
				return String(response.request);
			}
			const code = String(response.request);
			const info = classifyCode(code);
			if (info.category !== 'retryAfter') throw TwoCaptchaApiError.fromCode(code);
			slowDownMs = info.retryAfterMs ?? 5000;
			lastSlowDown = TwoCaptchaApiError.fromCode(code);
		} catch (error) {
			if (!(error instanceof TransportError) || transportFailures >= (options.transportRetries ?? 2)) throw error;
			transportFailures++;
			await deps.clock.sleep(options.transportRetryDelayMs ?? 5000, options.signal);
		} finally {
			deps.gate.leave(isProbe, slowDownMs);
		}
	}
}

function isAccountLevel(error: Error): boolean {
	return (
		error instanceof TwoCaptchaApiError &&
		(error.category === 'fatalConfig' || error.category === 'accountSuspended')
	);
}
