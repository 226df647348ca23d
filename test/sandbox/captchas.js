'use strict';
/**
 * Captcha tasks: created by in.php, CAPCHA_NOT_READY until their drawn solve time has passed, then solved
 * (the account is charged) or unsolvable (not charged). Pingbacks go out when a task settles.
 * Every task draws its answer and solve time from its own seeded stream, so a run is reproducible.
 */
const { createRandom, deriveSeed } = require('./prng');
const { solveTimeRange } = require('./methods');
const { toUnits, toUsd } = require('./accounts');

/** How long after submission a report is still accepted (the spec: 15 minutes). */
const REPORT_WINDOW_SEC = 15 * 60;

function createCaptchas({ seed, scaleMs, solveTimes, pingbacks }) {
	const captchas = new Map();
	const timers = new Set();
	const idRng = createRandom(deriveSeed(seed, 'ids'));
	let lastId = 70_000_000_000 + idRng.int(0, 9_999_999);
	let sequence = 0;

	function settle(captcha) {
		if (captcha.status !== 'pending') return;
		if (captcha.unsolvable) captcha.status = 'unsolvable';
		else {
			captcha.status = 'solved';
			captcha.account.units -= captcha.priceUnits;
		}
		captcha.settledAt = Date.now();
		if (captcha.pingback) pingbacks.deliver(captcha.account, captcha, resultText(captcha));
	}

	/** Timers may fire a little late: a task whose time has come is settled on read. */
	function refresh(captcha) {
		if (captcha.status === 'pending' && Date.now() >= captcha.readyAt) settle(captcha);
		return captcha;
	}

	return {
		all: captchas,
		/** Creates a task for a checked submission; ctx is { params, files, image... } from the checks. */
		submit({ account, method, ctx, pingback, unsolvable }) {
			const rng = createRandom(deriveSeed(seed, 'captcha', String(sequence++)));
			const { min, max } = solveTimeRange(method, ctx.params, solveTimes);
			const solveMs = Math.round(scaleMs(rng.between(min, max)));
			const { value, extras } = method.answer({ ...ctx, rng });
			const id = String((lastId += idRng.int(1, 97)));
			const now = Date.now();
			const captcha = {
				id,
				method: method.key,
				status: 'pending',
				submittedAt: now,
				readyAt: now + solveMs,
				answer: value,
				extras: extras ?? {},
				price: toUsd(toUnits(method.price)),
				priceUnits: toUnits(method.price),
				unsolvable: Boolean(unsolvable),
				pingback: pingback || null,
				report: null,
			};
			// The owning account is kept out of enumeration so inspecting the state never shows it.
			Object.defineProperty(captcha, 'account', { value: account, enumerable: false });
			captchas.set(id, captcha);
			const timer = setTimeout(() => {
				timers.delete(timer);
				settle(captcha);
			}, solveMs);
			timer.unref();
			timers.add(timer);
			return captcha;
		},
		/** The account's task with that id, settled if due; undefined for unknown ids or other accounts' tasks. */
		find(id, account) {
			const captcha = captchas.get(String(id));
			return captcha && captcha.account === account ? refresh(captcha) : undefined;
		},
		/** Records reportgood / reportbad; reportbad refunds. Returns null or the spec's error code. */
		report(captcha, verdict) {
			if (captcha.report) return 'ERROR_DUPLICATE_REPORT';
			const expired = Date.now() - captcha.submittedAt > scaleMs(REPORT_WINDOW_SEC);
			if (captcha.status !== 'solved' || expired) return 'ERROR_REPORT_NOT_RECORDED';
			captcha.report = verdict;
			if (verdict === 'bad') captcha.account.units += captcha.priceUnits;
			return null;
		},
		close() {
			for (const timer of timers) clearTimeout(timer);
			timers.clear();
		},
	};
}

/** The answer as one string: object answers (Geetest, Capy...) as JSON, errors as their code. */
function resultText(captcha) {
	if (captcha.status === 'pending') return 'CAPCHA_NOT_READY';
	if (captcha.status === 'unsolvable') return 'ERROR_CAPTCHA_UNSOLVABLE';
	return typeof captcha.answer === 'string' ? captcha.answer : JSON.stringify(captcha.answer);
}

module.exports = { createCaptchas, resultText };
