/**
 * Shared pieces for running a node inside n8n-core's real execution contexts in jest:
 * a one-node Workflow (parameters get their defaults exactly as in n8n) and the additionalData
 * those contexts read (credentials, base URLs).
 */
import {
	Workflow,
	type ICredentialDataDecryptedObject,
	type ICredentialsHelper,
	type IDataObject,
	type INode,
	type INodeParameters,
	type INodeType,
	type INodeTypes,
	type IWorkflowExecuteAdditionalData,
} from 'n8n-workflow';

export type CredentialsData = Record<string, ICredentialDataDecryptedObject>;

export interface NodeSetup {
	parameters?: INodeParameters;
	/** Credential type name → decrypted data, e.g. `{ twoCaptchaSolverApi: { apiKey, ... } }`. */
	credentials?: CredentialsData;
	continueOnFail?: boolean;
	webhookId?: string;
	/** Workflow static data, shared between calls when the same object is passed again. */
	staticData?: IDataObject;
}

export const NODE_NAME = 'Node Under Test';
export const TEST_BASE_URL = 'http://n8n.test';

/** A single-node workflow; the node's parameters are completed with their defaults by Workflow itself. */
export function buildWorkflow(nodeType: INodeType, setup: NodeSetup): { workflow: Workflow; node: INode } {
	const description = nodeType.description;
	const typeName = `n8n-nodes-twocaptcha.${description.name}`;
	const version = Array.isArray(description.version)
		? Math.max(...description.version)
		: description.version;
	const node: INode = {
		id: 'node-under-test',
		name: NODE_NAME,
		type: typeName,
		typeVersion: version,
		position: [0, 0],
		parameters: structuredClone(setup.parameters ?? {}),
		continueOnFail: setup.continueOnFail ?? false,
		webhookId: setup.webhookId,
		credentials: Object.fromEntries(
			Object.keys(setup.credentials ?? {}).map((type) => [type, { id: `cred-${type}`, name: type }]),
		),
	};
	const nodeTypes: INodeTypes = {
		getByName: () => nodeType,
		getByNameAndVersion: () => nodeType,
		getKnownTypes: () => ({}),
	};
	const workflow = new Workflow({
		id: 'workflow-under-test',
		name: 'Test workflow',
		nodes: [node],
		connections: {},
		active: false,
		nodeTypes,
		staticData: setup.staticData,
	});
	return { workflow, node: workflow.getNode(NODE_NAME)! };
}

/** Serves only the credential types given; anything else fails the way n8n fails on a missing credential. */
function credentialsHelperFor(credentials: CredentialsData): ICredentialsHelper {
	const helper: Partial<ICredentialsHelper> = {
		isCredentialUsableByNode: () => true,
		getParentTypes: () => [],
		getDecrypted: async (_additionalData, _nodeCredentials, type) => {
			const data = credentials[type];
			if (!data) throw new Error(`No credentials of type "${type}" in this test`);
			return structuredClone(data);
		},
	};
	return helper as ICredentialsHelper;
}

export function buildAdditionalData(
	credentials: CredentialsData = {},
	extra: Partial<IWorkflowExecuteAdditionalData> = {},
): IWorkflowExecuteAdditionalData {
	const data: Partial<IWorkflowExecuteAdditionalData> = {
		credentialsHelper: credentialsHelperFor(credentials),
		executionId: 'execution-under-test',
		currentNodeExecutionIndex: 0,
		restApiUrl: `${TEST_BASE_URL}/rest`,
		instanceBaseUrl: TEST_BASE_URL,
		webhookBaseUrl: `${TEST_BASE_URL}/webhook`,
		webhookTestBaseUrl: `${TEST_BASE_URL}/webhook-test`,
		webhookWaitingBaseUrl: `${TEST_BASE_URL}/webhook-waiting`,
		formBaseUrl: `${TEST_BASE_URL}/form`,
		formTestBaseUrl: `${TEST_BASE_URL}/form-test`,
		formWaitingBaseUrl: `${TEST_BASE_URL}/form-waiting`,
		mcpBaseUrl: `${TEST_BASE_URL}/mcp`,
		mcpTestBaseUrl: `${TEST_BASE_URL}/mcp-test`,
		variables: {},
		...extra,
	};
	return data as IWorkflowExecuteAdditionalData;
}
