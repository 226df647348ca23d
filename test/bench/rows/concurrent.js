'use strict';
/** Row "concurrent client": a straightforward concurrent client (runConcurrent in ../baseline.js). */
const { sizes } = require('../workload');

module.exports = {
	order: 20,
	specs: (options) => sizes(options).filter((n) => n !== 10).map((n) => ({ kind: 'concurrent', client: 'concurrent client', n })),
	run: (spec) => require('../baseline').runConcurrent(spec),
};
