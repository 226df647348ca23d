/**
 * Mode "Wait for Pingback" in n8n-core's real contexts, for any operation: execute() submits with the resume URL
 * and puts the execution to wait; the sandbox delivers pingbacks to a small HTTP front standing in for n8n's
 * waiting-webhook server (signature check → 401, execution over → 409), which runs the node's webhook() in a real
 * WebhookContext on the execution as execute() left it (its stack entry, custom data).
 */
import { once } from 'node:events';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

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

export const EXECUTION_ID = 'execution-under-test';

export interface WaitingExecution {
	/** Its execution id (EXECUTION_ID unless given): what the doorbell keeps and claims is per execution. */
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
	const server = http.createServer(async (req, res) => {
		const chunks: Buffer[] = [];
		for await (const chunk of req) chunks.push(chunk as Buffer);
		const url = new URL(req.url!, 'http://front');
		const execution = front.execution;
		if (!execution || url.pathname !== `/webhook-waiting/${execution.id}`) return void res.writeHead(404).end();
		const reply = (status: number, body = '') => {
			execution.statuses.push(status);
			res.writeHead(status).end(body);
		};
		if (url.searchParams.get('signature') !== execution.runExecutionData.resumeToken) return reply(401, 'Invalid token');
		if (execution.resumedWith || !execution.runExecutionData.waitTill) return reply(409, 'finished already');
		const { result, response } = await runWebhook(makeNode(), {
			parameters: execution.parameters as INodeParameters,
			credentials: execution.credentials,
			continueOnFail: execution.continueOnFail,
			runExecutionData: execution.runExecutionData,
			executionId: execution.id,
			request: {
				body: Object.fromEntries(new URLSearchParams(Buffer.concat(chunks).toString('utf8'))),
				query: Object.fromEntries(url.searchParams),
				// What the deadline ring needs: the local address and port, the path with query, its header.
				headers: req.headers,
				socket: req.socket,
				originalUrl: req.url,
			},
		});
		if (result.workflowData) {
			execution.resumedWith = result.workflowData[0];
			execution.resumes++;
		}
		reply(response.status ?? 200, String(response.body ?? 'OK'));
	});
	server.listen(0, '127.0.0.1');
	await once(server, 'listening');
	front.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
	front.close = async () => {
		server.closeAllConnections();
		await new Promise((resolve) => server.close(resolve));
	};
	return front;
}

/** execute() as n8n's WorkflowExecute runs it; the stack entry is what n8n stores for the waiting execution. */
export async function executeWaiting(
	front: PingbackFront,
	nodeType: INodeType,
	setup: { parameters: IDataObject; credentials: CredentialsData; items: INodeExecutionData[]; continueOnFail?: boolean; id?: string },
): Promise<WaitingExecution> {
	const id = setup.id ?? EXECUTION_ID;
	const { workflow, node } = buildWorkflow(nodeType, setup as never);
	const runExecutionData = createRunExecutionData();
	const inputData = { main: [setup.items] };
	const executeData: IExecuteData = { node, data: inputData, source: null };
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

export async function waitUntil(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (!condition()) {
		if (Date.now() > deadline) throw new Error('timed out');
		await new Promise((resolve) => setTimeout(resolve, 10));
	}
}
