/** Default polling schedules from the spec; each method may pick its own first-poll delay. */
import type { MethodTimings } from './types';

/** Image and audio tasks: "make a 5 seconds timeout", poll every 5 s. */
export const imageTimings = (firstPollSec = 5): MethodTimings => ({
	firstPollSec,
	pollIntervalSec: 5,
	timeoutSec: 180,
});

/** Token tasks: the spec asks for 15-20 s before the first poll (10-15 s for reCAPTCHA V3, 10-20 s for FunCaptcha). */
export const tokenTimings = (firstPollSec = 15): MethodTimings => ({
	firstPollSec,
	pollIntervalSec: 5,
	timeoutSec: 300,
});
