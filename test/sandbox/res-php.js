'use strict';
/** res.php: results, multi-get, get2, balance, reports and pingback addresses. The key is already authenticated. */
const { resultText } = require('./captchas');
const { toUsd } = require('./accounts');
const { ok, bare, fail } = require('./reply');

const BAD = 'ERROR_BAD_PARAMETERS';
const isId = (id) => /^\d+$/.test(String(id ?? '').trim());

/** The task named by `id`, or { error } with the spec's code. */
function findCaptcha(params, account, captchas) {
	if (!isId(params.id)) return { error: 'ERROR_WRONG_ID_FORMAT' };
	const captcha = captchas.find(params.id.trim(), account);
	return captcha ? { captcha } : { error: 'ERROR_WRONG_CAPTCHA_ID' };
}

/** One task's answer: JSON extras (useragent, cookies) and, for get2, the price. */
function singleResult({ params, account, services }, withPrice) {
	const { captcha, error } = findCaptcha(params, account, services.captchas);
	if (error) return fail(error);
	if (captcha.status !== 'solved') return fail(resultText(captcha));
	return ok(captcha.answer, { ...captcha.extras, ...(withPrice && { price: String(captcha.price) }) });
}

/** `ids=1,2,3`: each task's answer or code, joined with `|` in the order asked. */
function multiResult({ params, account, services }, note) {
	const ids = String(params.ids).split(',').map((id) => id.trim()).filter(Boolean);
	if (ids.length === 0) return fail('ERROR_WRONG_ID_FORMAT');
	const results = ids.map((id) => {
		if (!isId(id)) return 'ERROR_WRONG_ID_FORMAT';
		const captcha = services.captchas.find(id, account);
		return captcha ? resultText(captcha) : 'ERROR_WRONG_CAPTCHA_ID';
	});
	// Hostile mode: a part missing, or one part too many, so the answer no longer matches the ids asked.
	if (results.length > 1 && services.faults.mismatch() && note('mismatch')) {
		if (services.faults.pick(['drop', 'extra']) === 'drop') results.pop();
		else results.push('CAPCHA_NOT_READY');
	}
	return bare(results.join('|'));
}

function report(request, verdict) {
	const { captcha, error } = findCaptcha(request.params, request.account, request.services.captchas);
	if (error) return fail(error);
	const refused = request.services.captchas.report(captcha, verdict);
	return refused ? fail(refused) : bare('OK_REPORT_RECORDED');
}

function addPingback({ params, account, services, ip }) {
	if (!params.addr) return fail(BAD);
	const error = services.pingbacks.add(account, params.addr, ip);
	return error ? fail(error) : bare('OK');
}

function deletePingback({ params, account, services }) {
	if (!params.addr) return fail(BAD);
	services.pingbacks.remove(account, params.addr);
	return bare('OK');
}

const ACTIONS = {
	get: (request) => (request.params.ids !== undefined ? multiResult(request, request.note) : singleResult(request, false)),
	get2: (request) => singleResult(request, true),
	getbalance: ({ account, services }) => bare(services.faults.current.zeroBalance ? '0' : String(toUsd(account.units))),
	reportgood: (request) => report(request, 'good'),
	reportbad: (request) => report(request, 'bad'),
	add_pingback: addPingback,
	get_pingback: ({ account, services }) => bare(services.pingbacks.list(account)),
	del_pingback: deletePingback,
};

function handleRes({ params }, account, services, ip, note = () => false) {
	const overBudget = services.limits.resRequest(account);
	if (overBudget) return fail(overBudget);
	const action = String(params.action ?? '').trim().toLowerCase();
	if (!action) return fail('ERROR_EMPTY_ACTION');
	const handler = ACTIONS[action];
	return handler ? handler({ params, account, services, ip, note }) : fail(BAD);
}

module.exports = { handleRes };
