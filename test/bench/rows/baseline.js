'use strict';
/**
 * Row "baseline model": one item after another (../baseline.js), run for N ≤ 100; the 100-item row (~40 modelled
 * minutes, asleep almost all the time) runs alongside the others. Larger N are computed by run.js (modelSequential).
 */
const { sizes } = require('../workload');

const LARGEST_RUN = 100;

module.exports = {
	order: 50,
	specs: (options) =>
		sizes(options)
			.filter((n) => n <= LARGEST_RUN)
			.map((n) => ({ kind: 'baseline', client: 'baseline model', n, ...(n === LARGEST_RUN ? { lane: 'side' } : {}) })),
	run: (spec) => require('../baseline').runBaseline(spec),
	LARGEST_RUN,
};
