/**
 * Runs a node's execute() inside n8n-core's real ExecuteContext (parameter defaults, expressions,
 * getCredentials, continueOnFail, pairedItem checks all behave as in n8n).
 *
 *   const out = await runNode(new TwoCaptcha(), {
 *     parameters: { resource: 'account', operation: 'getBalance' },
 *     credentials: { twoCaptchaSolverApi: sandboxCredentials(sandbox) },
 *   });
 */
import { ExecuteContext } from 'n8n-core';
import {
	createRunExecutionData,
	type IExecuteData,
	type INodeExecutionData,
	type INodeType,
} from 'n8n-workflow';

import { buildAdditionalData, buildWorkflow, type NodeSetup } from './n8nContext';

export interface RunNodeOptions extends NodeSetup {
	/** Input items; one empty item when omitted (like a manual trigger). */
	items?: INodeExecutionData[];
	/** Cancels the execution, like the Stop button. */
	signal?: AbortSignal;
}

/** Output items of the node's first output. */
export async function runNode(nodeType: INodeType, options: RunNodeOptions = {}): Promise<INodeExecutionData[]> {
	const outputs = await runNodeOutputs(nodeType, options);
	return outputs[0] ?? [];
}

/** All outputs, for nodes with more than one. */
export async function runNodeOutputs(
	nodeType: INodeType,
	options: RunNodeOptions = {},
): Promise<INodeExecutionData[][]> {
	if (!nodeType.execute) throw new Error(`${nodeType.description.name} has no execute()`);
	const { workflow, node } = buildWorkflow(nodeType, options);
	const items = options.items ?? [{ json: {} }];
	const inputData = { main: [items] };
	const executeData: IExecuteData = { node, data: inputData, source: null };
	const context = new ExecuteContext(
		workflow,
		node,
		buildAdditionalData(options.credentials),
		'manual',
		createRunExecutionData(),
		0,
		items,
		inputData,
		executeData,
		[],
		options.signal,
	);
	const result = await nodeType.execute.call(context);
	return (result ?? []) as INodeExecutionData[][];
}

/** Credential data pointing the 2Captcha credential at a local sandbox. */
export function sandboxCredentials(sandbox: { url: string; apiKey: string }) {
	return { twoCaptchaSolverApi: { apiKey: sandbox.apiKey, server: 'custom', customUrl: sandbox.url } };
}
