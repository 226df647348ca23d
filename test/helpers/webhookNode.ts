/**
 * Runs a trigger's webhook() inside n8n-core's real WebhookContext and its webhookMethods inside the real
 * HookContext. Only the express request/response are fakes: a request with body/query/params/headers as
 * n8n's webhook server would have parsed them, and a response that records what the node sent.
 */
import { HookContext, WebhookContext } from 'n8n-core';
import type {
	IDataObject,
	INodeType,
	IRunExecutionData,
	IWebhookData,
	IWebhookResponseData,
	IWorkflowExecuteAdditionalData,
} from 'n8n-workflow';

import { buildAdditionalData, buildWorkflow, TEST_BASE_URL, type NodeSetup } from './n8nContext';

/** express types without depending on express. */
type Request = NonNullable<IWorkflowExecuteAdditionalData['httpRequest']>;
type Response = NonNullable<IWorkflowExecuteAdditionalData['httpResponse']>;

export const TEST_WEBHOOK_ID = '5f1c2c3a-0b7e-4c1e-9a55-6c2d0f3b9e11';

export interface FakeRequest {
	body?: IDataObject;
	query?: IDataObject;
	/** Dynamic path segments, e.g. `{ secret: '...' }` for a `pingback/:secret` path. */
	params?: IDataObject;
	headers?: Record<string, string | string[] | undefined>;
	/** The socket the request came in on (its local address and port) and the path with query it asked for. */
	socket?: unknown;
	originalUrl?: string;
}

export interface SentResponse {
	status?: number;
	body?: unknown;
	ended: boolean;
}

function fakeResponse(sent: SentResponse): Response {
	const response = {
		headersSent: false,
		status(code: number) {
			sent.status = code;
			return response;
		},
		send(body: unknown) {
			sent.body = body;
			response.headersSent = true;
			return response;
		},
		json(body: unknown) {
			return response.send(body);
		},
		end(body?: unknown) {
			if (body !== undefined) sent.body = body;
			sent.ended = true;
			return response;
		},
		setHeader: () => response,
	};
	return response as unknown as Response;
}

function webhookData(nodeType: INodeType, nodeName: string, isTest: boolean): IWebhookData {
	const description = nodeType.description.webhooks![0];
	return {
		httpMethod: 'POST',
		node: nodeName,
		path: description.path,
		webhookDescription: description,
		workflowId: 'workflow-under-test',
		workflowExecuteAdditionalData: buildAdditionalData(),
		webhookId: TEST_WEBHOOK_ID,
		isTest,
	};
}

export interface WebhookRun {
	/** What webhook() returned: `workflowData` holds the items that would start an execution. */
	result: IWebhookResponseData;
	/** What the node itself sent on the response (status 401 etc.), if anything. */
	response: SentResponse;
}

export async function runWebhook(
	nodeType: INodeType,
	options: NodeSetup & { request: FakeRequest; runExecutionData?: IRunExecutionData | null; executionId?: string },
): Promise<WebhookRun> {
	if (!nodeType.webhook) throw new Error(`${nodeType.description.name} has no webhook()`);
	const { workflow, node } = buildWorkflow(nodeType, { webhookId: TEST_WEBHOOK_ID, ...options });
	const { body = {}, query = {}, params = {}, headers = {}, socket, originalUrl } = options.request;
	const request = { body, query, params, headers, method: 'POST', socket, originalUrl, url: originalUrl } as unknown as Request;
	const response: SentResponse = { ended: false };
	const additionalData = buildAdditionalData(options.credentials, {
		httpRequest: request,
		httpResponse: fakeResponse(response),
		...(options.executionId ? { executionId: options.executionId } : {}),
	});
	const context = new WebhookContext(
		workflow,
		node,
		additionalData,
		'webhook',
		webhookData(nodeType, node.name, false),
		[],
		options.runExecutionData ?? null,
	);
	return { result: await nodeType.webhook.call(context), response };
}

export type HookMethod = 'checkExists' | 'create' | 'delete';

/** Runs `webhookMethods.default[method]`, as n8n does on activation (checkExists, create) and deactivation (delete). */
export async function runHook(
	nodeType: INodeType,
	method: HookMethod,
	options: NodeSetup & { webhookBaseUrl?: string },
): Promise<boolean> {
	const hook = nodeType.webhookMethods?.default?.[method];
	if (!hook) throw new Error(`${nodeType.description.name} has no webhookMethods.default.${method}`);
	const { workflow, node } = buildWorkflow(nodeType, { webhookId: TEST_WEBHOOK_ID, ...options });
	const additionalData = buildAdditionalData(options.credentials, {
		webhookBaseUrl: options.webhookBaseUrl ?? `${TEST_BASE_URL}/webhook`,
	});
	const context = new HookContext(
		workflow,
		node,
		additionalData,
		'trigger',
		'activate',
		webhookData(nodeType, node.name, false),
	);
	return await hook.call(context);
}
