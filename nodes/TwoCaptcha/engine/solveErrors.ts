/** Errors of the solving engine itself (not codes from 2Captcha). Each keeps the captcha id. */

export class SolveTimeoutError extends Error {
	readonly code = 'TIMEOUT';
	constructor(
		readonly captchaId: string,
		timeoutSec?: number,
	) {
		super(
			`Captcha ${captchaId} was not solved ${timeoutSec ? `within ${timeoutSec} s` : 'before its deadline'}. ` +
				'Raise "Timeout (Seconds)" in Solver Settings, or use Submit Only with a pingback for long solves.',
		);
		this.name = 'SolveTimeoutError';
	}
}

export class SolveAbortedError extends Error {
	readonly code = 'ABORTED';
	constructor(readonly captchaId?: string) {
		super('The execution was stopped before the captcha was solved');
		this.name = 'SolveAbortedError';
	}
}

/** The submission waited for 2Captcha's request limits (rate limiter, slow-down gate) past the item's Timeout. */
export class SubmitTimeoutError extends Error {
	readonly code = 'TIMEOUT';
	constructor(timeoutMs: number) {
		super(
			`The captcha could not be submitted within its Timeout (${Math.round(timeoutMs / 1000)} s): 2Captcha's request ` +
				'limits kept it waiting, and it was not sent after that. Raise "Timeout (Seconds)" or lower "Max In Flight".',
		);
		this.name = 'SubmitTimeoutError';
	}
}
