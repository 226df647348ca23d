'use strict';
/**
 * What every row of the benchmark solves, so the engine and the baseline see the same work:
 * items alternate between a normal image captcha (solved in 5-20 s) and a reCAPTCHA V2 token (10-45 s),
 * on sandboxes started with the same seed, so the i-th submission draws the same solve time in every row.
 */
const { pngBase64 } = require('../e2e/fixtures');

/**
 * Real milliseconds per modelled millisecond, per kind of row; a row's engine clock and its sandbox share it.
 * Our rows make many requests per modelled second: 1 s = 100 ms keeps the real cost of each request (a few ms on a
 * busy machine) small beside the modelled intervals and the 3 s in.php window. The baseline is sequential and
 * mostly asleep, but 100 items of it are ~40 modelled minutes: 1 s = 20 ms keeps the whole run under 2 minutes.
 */
const TIME_SCALES = { engine: 0.1, pingback: 0.1, pingwait: 0.1, concurrent: 0.1, baseline: 0.02, sparse: 0.02 };
const SEED = 7;
/** The item counts of the table; `quick` (CI's short form) leaves out 1,000. */
const sizes = ({ quick = false } = {}) => (quick ? [1, 10, 100] : [1, 10, 100, 1000]);
/** The node's default (and maximum) Max In Flight: every item of these runs in flight at once. */
const MAX_IN_FLIGHT = 1000;
/** Seconds; the sandbox's defaults, restated so the table's header can quote them. */
const SOLVE_TIMES = { image: { min: 5, max: 20 }, token: { min: 10, max: 45 } };

const RECAPTCHA_SITEKEY = '6LfD3PIbAAAAAJs_eEHvoOl75_83eXSqpPSRFJ_u';
const PAGE_URL = 'https://shop.example.com/login';

/** The in.php parameters of item i (without key/json, which each client adds). */
function itemParams(index) {
	return index % 2 === 0
		? { method: 'base64', body: pngBase64 }
		: { method: 'userrecaptcha', googlekey: RECAPTCHA_SITEKEY, pageurl: PAGE_URL };
}

const isTokenItem = (index) => index % 2 === 1;

module.exports = { TIME_SCALES, SEED, SOLVE_TIMES, MAX_IN_FLIGHT, sizes, itemParams, isTokenItem };
