'use strict';
/** in.php: submit a captcha. The key is already authenticated; `note` records which injected faults fired. */
const { resolveMethod, checkSubmission } = require('./methods');
const { present } = require('./methods/checks');
const { parseAddress } = require('./pingback');
const { toUnits } = require('./accounts');
const { ok, fail } = require('./reply');

const BAD = 'ERROR_BAD_PARAMETERS';

function handleIn({ params, files }, account, services, note) {
	const { limits, faults, captchas } = services;
	const turn = limits.inRequest(account);
	if (turn) return fail(turn);

	const method = resolveMethod(params);
	if (!method) return fail(BAD);
	const ctx = { params, files };
	const error = checkSubmission(method, ctx) || (present(params.pingback) && !parseAddress(params.pingback) ? BAD : null);
	if (error) return fail(error);

	if (faults.current.zeroBalance) {
		note('zeroBalance');
		return fail('ERROR_ZERO_BALANCE');
	}
	if (account.units < toUnits(method.price)) return fail('ERROR_ZERO_BALANCE');
	if (faults.noSlot()) {
		note('noSlot');
		return fail('ERROR_NO_SLOT_AVAILABLE');
	}

	// Hostile mode: an id issued before, answered again (nothing new is created).
	if (services.lastCaptchaId && faults.duplicateId() && note('duplicateId')) return ok(services.lastCaptchaId);
	const unsolvable = Boolean(method.unsolvable?.(ctx)) || (faults.unsolvable() && note('unsolvable'));
	const captcha = captchas.submit({ account, method, ctx, pingback: params.pingback, unsolvable });
	limits.captchaAccepted(account);
	services.lastCaptchaId = captcha.id;
	// Hostile mode: accepted and charged like any captcha, but answered `OK|` without its id.
	if (faults.emptyId() && note('emptyId')) return ok('');
	return ok(captcha.id);
}

module.exports = { handleIn };
