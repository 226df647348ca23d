'use strict';
/** Row "Wait for Pingback" (../pingwaitRow.js): one execution of 100 image captchas that waits for their pingbacks. */
const { MAX_IN_FLIGHT } = require('../workload');
const { fixed } = require('../format');

function targets(rows, find) {
	const row = find((r) => r.kind === 'pingwait' && r.n === 100);
	if (!row) return [];
	const resumeDelaySec = row.wallSec - row.lastReadySec;
	return [
		{
			// Never before the last answer: an execution resumed early would output unanswered items.
			name: 'Wait for Pingback, 100 items: last answer ready → execution resumed within 0–0.5 s',
			detail: `${fixed(2)(resumeDelaySec)} s (resumed at ${fixed(1)(row.wallSec)} s, last answer ready at ${fixed(1)(row.lastReadySec)} s)`,
			pass: resumeDelaySec >= 0 && resumeDelaySec <= 0.5,
		},
		{
			name: 'Wait for Pingback, 100 items: ≤ 1.1 res.php requests per captcha',
			detail: fixed(2)(row.resPerCaptcha),
			pass: row.resPerCaptcha <= 1.1,
		},
	];
}

module.exports = {
	order: 40,
	specs: () => [{ kind: 'pingwait', client: 'ours, Wait for Pingback (one execution, images)', n: 100, maxInFlight: MAX_IN_FLIGHT, receiveTimeoutSec: 300 }],
	run: (spec) => require('../pingwaitRow').runPingwait(spec),
	targets,
	note: `- **Wait for Pingback**: one execution of 100 image captchas. Submitted as the node submits them (pingback = the
  execution's resume URL); a local HTTP server stands in for n8n's \`/webhook-waiting/<id>\` (409 before the
  execution waits and after it resumed) and hands each pingback to the node's own doorbell (\`dist/\`): one multi-id
  \`res.php\` request, resuming when none is pending. Wall = the execution resuming; every answer reaches the workflow
  then, so ready → delivered is per captcha up to that moment; the target is the last answer → resumed.`,
};
