/**
 * Default polling schedules from the spec; each method may pick its own first-poll delay.
 *
 * The first poll decides when an id starts NEEDING polls; the shared poller (engine/batchPoller.ts) adds every
 * pending id to every poll it makes anyway, so under load an answer is delivered by the first poll after it is
 * ready, whatever these delays. They matter for a lone captcha, polled at its first poll, then every interval:
 * its mean ready → delivered delay is about half an interval (2.5 s), and a token solved in 10-45 s costs at most
 * 1 + 30 / 5 = 7 res.php requests. A longer first poll (20 s) would make a lone token solved in 10-20 s wait
 * 5 s on average; a shorter one would spend requests on answers that are almost never ready yet.
 */
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
