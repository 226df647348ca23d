'use strict';
/** Row "Submit Only + pingback → Trigger": no polling; the trigger node's own webhook() makes each item. */
const { MAX_IN_FLIGHT } = require('../workload');

module.exports = {
	order: 30,
	specs: () => [{ kind: 'pingback', client: 'ours, Submit Only + pingback → Trigger', n: 100, maxInFlight: MAX_IN_FLIGHT, receiveTimeoutSec: 120 }],
	run: (spec) => require('../pingbackRow').runPingback(spec),
	note: `- **Submit Only + pingback → Trigger**: no polling; the sandbox POSTs each answer to a local HTTP server that
  hands the request to the 2Captcha Trigger node's own \`webhook()\` (from \`dist/\`, with a minimal stand-in for
  n8n's webhook context); delivered = when \`webhook()\` has returned the workflow's item.`,
};
