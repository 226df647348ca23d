'use strict';
/** The benchmark's Wait for Pingback row (pingwaitRow.js): its spec, its targets and its note for BENCHMARKS.md. */

const PINGWAIT_ROW = Object.freeze({
	kind: 'pingwait',
	client: 'ours, Wait for Pingback (one execution, images)',
	n: 100,
	maxInFlight: 1000,
	receiveTimeoutSec: 300,
});

const fixed = (digits) => (value) => (Number.isFinite(value) ? value.toFixed(digits) : 'n/a');

function pingwaitTargets(rows) {
	const row = rows.find((r) => r.kind === 'pingwait' && r.n === 100) ?? {};
	const resumeDelaySec = row.wallSec - row.lastReadySec;
	return [
		{
			name: 'Wait for Pingback, 100 items: last answer ready → execution resumed ≤ 0.5 s',
			detail: `${fixed(2)(resumeDelaySec)} s (resumed at ${fixed(1)(row.wallSec)} s, last answer ready at ${fixed(1)(row.lastReadySec)} s)`,
			pass: resumeDelaySec <= 0.5,
		},
		{
			name: 'Wait for Pingback, 100 items: ≤ 1.1 res.php requests per captcha',
			detail: fixed(2)(row.resPerCaptcha),
			pass: row.resPerCaptcha <= 1.1,
		},
	];
}

const PINGWAIT_NOTE = `- **Wait for Pingback**: one execution of 100 image captchas. Submitted as the node submits them (pingback = the
  execution's resume URL); a local HTTP server stands in for n8n's \`/webhook-waiting/<id>\` (409 before the
  execution waits and after it resumed) and hands each pingback to the node's own doorbell (\`dist/\`): one multi-id
  \`res.php\` request, resuming when none is pending. Wall = the execution resuming; every answer reaches the workflow
  then, so ready → delivered is per captcha up to that moment; the target is the last answer → resumed.`;

module.exports = { PINGWAIT_ROW, pingwaitTargets, PINGWAIT_NOTE };
