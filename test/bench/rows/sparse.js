'use strict';
/**
 * Row "sparse": one execution (one captcha) every 5 s on the one shared engine, as webhook pipelines make it, for a
 * modelled hour (10 modelled minutes in the quick form). Runs alongside the others: it sleeps almost all the time.
 */
const { sec, ratio } = require('../format');

function targets(rows, find) {
	const sparse = find((row) => row.kind === 'sparse');
	if (!sparse) return [];
	const label = sparse.n * sparse.everySec >= 3600 ? 'sparse hour' : `sparse ${Math.round((sparse.n * sparse.everySec) / 60)} minutes`;
	return [
		{ name: `${label}: mean ready → delivered ≤ 3 s`, detail: `${sec(sparse.meanDelaySec)} s (max ${sec(sparse.maxDelaySec)} s)`, pass: sparse.meanDelaySec <= 3 },
		{ name: `${label}: ≤ 8 res.php requests per captcha`, detail: `${ratio(sparse.resPerCaptcha)}`, pass: sparse.resPerCaptcha <= 8 },
		{
			name: `${label}: every 10 minutes inside the res.php budget (20·C + 1200)`,
			detail: `worst window uses ${(100 * sparse.worstResWindow).toFixed(0)} % of it`,
			pass: sparse.worstResWindow <= 1,
		},
	];
}

module.exports = {
	order: 60,
	specs: ({ quick = false } = {}) => {
		const n = quick ? 120 : 720;
		const duration = quick ? '10 minutes' : '1 hour';
		return [{ kind: 'sparse', client: `ours, sparse: 1 captcha per execution, every 5 s, ${duration}`, n, everySec: 5, lane: 'side' }];
	},
	run: (spec) => require('../engineRow').runSparse(spec),
	targets,
};
