/**
 * Mode "Wait for Pingback" in n8n-core's real contexts, for any operation: execute() submits with the resume URL
 * and puts the execution to wait; the sandbox delivers pingbacks to a small HTTP front standing in for n8n's
 * waiting-webhook server (signature check → 401, execution over → 409), which runs the node's webhook() in a real
 * WebhookContext on the execution as execute() left it (its stack entry, custom data).
 */
import { ExecuteContext } from 'n8n-core';
import {
	createRunExecutionData,
	type IDataObject,
	type IExecuteData,
	type INodeExecutionData,
	type INodeParameters,
	type INodeType,
	type IRunExecutionData,
} from 'n8n-workflow';

import { buildAdditionalData, buildWorkflow, type CredentialsData } from './n8nContext';
import { runWebhook } from './webhookNode';
import { startWebhookFront } from './webhookFront';

export { waitUntil } from './webhookFront';

/** Each execution its own id, as in n8n (what the doorbell keeps and claims is per execution). */
let executionCount = 0;

export interface WaitingExecution {
	/** Its execution id (given, or one of its own): what the doorbell keeps and claims is per execution. */
	id: string;
	parameters: IDataObject;
	credentials: CredentialsData;
	continueOnFail?: boolean;
	runExecutionData: IRunExecutionData;
	/** What execute() returned. */
	output: INodeExecutionData[];
	/** The items n8n would output if the deadline resumed it now (the node's input as execute() left it). */
	deadlineOutput: () => INodeExecutionData[];
	/** Set once a pingback resumed the execution. */
	resumedWith?: INodeExecutionData[];
	resumes: number;
	statuses: number[];
}

export interface PingbackFront {
	url: string;
	execution?: WaitingExecution;
	close: () => Promise<void>;
}

/** Stands in for n8n's /webhook-waiting/<executionId>: token check, 409 once resumed, else the node's webhook(). */
export async function startPingbackFront(makeNode: () => INodeType): Promise<PingbackFront> {
	const front: PingbackFront = { url: '', close: async () => {} };
	const server = await startWebhookFront(async (request) => {
		const execution = front.execution;
		if (!execution || request.url.pathname !== `/webhook-waiting/${execution.id}`) return { status: 404 };
		const reply = (status: number, body = '') => {
			execution.statuses.push(status);
			return { status, body };
		};
		if (request.query.signature !== execution.runExecutionData.resumeToken) return reply(401, 'Invalid token');
		if (execution.resumedWith || !execution.runExecutionData.waitTill) return reply(409, 'finished already');
		const { result, response } = await runWebhook(makeNode(), {
			parameters: execution.parameters as INodeParameters,
			credentials: execution.credentials,
			continueOnFail: execution.continueOnFail,
			runExecutionData: execution.runExecutionData,
			executionId: execution.id,
			request,
		});
		if (result.workflowData) {
			execution.resumedWith = result.workflowData[0];
			execution.resumes++;
		}
		return reply(response.status ?? 200, String(response.body ?? 'OK'));
	});
	front.url = server.origin;
	front.close = server.close;
	return front;
}

/** execute() as n8n's WorkflowExecute runs it; the stack entry is what n8n stores for the waiting execution. */
export async function executeWaiting(
	front: PingbackFront,
	nodeType: INodeType,
	setup: { parameters: IDataObject; credentials: CredentialsData; items: INodeExecutionData[]; continueOnFail?: boolean; id?: string },
): Promise<WaitingExecution> {
	const { workflow, node } = buildWorkflow(nodeType, setup as never);
	const runExecutionData = createRunExecutionData();
	const inputData = { main: [setup.items] };
	const executeData: IExecuteData = { node, data: inputData, source: null };
	const id = setup.id ?? `execution-${++executionCount}`;
	const additionalData = buildAdditionalData(setup.credentials, { webhookWaitingBaseUrl: `${front.url}/webhook-waiting`, executionId: id });
	const context = new ExecuteContext(workflow, node, additionalData, 'trigger', runExecutionData, 0, setup.items, inputData, executeData, []);
	const execution: WaitingExecution = {
		...setup,
		id,
		runExecutionData,
		output: [],
		deadlineOutput: () => executeData.data.main[0] as INodeExecutionData[],
		resumes: 0,
		statuses: [],
	};
	front.execution = execution;
	const result = (await nodeType.execute!.call(context)) as INodeExecutionData[][];
	execution.output = result[0];
	runExecutionData.executionData!.nodeExecutionStack = [executeData];
	return execution;
}
