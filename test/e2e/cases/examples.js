'use strict';
/** The example workflows of examples/ that start with a Manual Trigger, executed headless like `npm run demo`. */
const { assert } = require('../lib/harness');
const { executeWorkflow } = require('../lib/n8n');
const { loadExamples, isHeadless, adaptExample, lastOutput } = require('../lib/examples');
const { FAST_SOLVER } = require('./operations');

/** context: { userFolder, credential, brokerPortBase }. */
function exampleCases(context) {
	return loadExamples()
		.filter(({ workflow }) => isHeadless(workflow))
		.map(({ file, workflow }) => {
			const adapted = adaptExample(workflow, { credential: context.credential, solverSettings: FAST_SOLVER });
			return {
				name: `example ${file}`,
				workflows: [adapted],
				async run(slot) {
					const run = await executeWorkflow(context.userFolder, adapted.id, { brokerPort: context.brokerPortBase + slot });
					assert.ok(run.ok, `failed: ${run.reason}`);
					const ranAll = adapted.nodes.filter((n) => !n.type.endsWith('.stickyNote')).every((n) => run.runData[n.name]);
					assert.ok(ranAll, `not every node ran: ${Object.keys(run.runData).join(', ')}`);
					const { node, items } = lastOutput(run);
					assert.ok(items.length > 0, `${node} output no items`);
					assert.ok(items.every((json) => json.error === undefined), `${node} output an error: ${JSON.stringify(items)}`);
					return `${node}: ${JSON.stringify(items[0]).slice(0, 100)}`;
				},
			};
		});
}

module.exports = { exampleCases };
