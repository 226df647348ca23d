/**
 * Runs a node as n8n runs it as an AI tool, inside n8n-core's real contexts:
 * - its "<name>Tool" variant, built the way n8n's node loader builds it for `usableAsTool` (name + "Tool", no main
 *   input, an ai_tool output, the description replacements applied);
 * - connected to a parent node with an ai_tool input (an agent, the Tool Executor, the MCP Server Trigger); the
 *   parent's getInputConnectionData returns the tool that n8n-core's createNodeAsTool makes, whose invoke() runs
 *   the node's execute() in a supply-data context, as the Tool Executor and the MCP Server Trigger call it.
 */
import { ExecuteContext } from 'n8n-core';
import {
	NodeConnectionTypes,
	Workflow,
	createRunExecutionData,
	type IExecuteData,
	type INode,
	type INodeParameters,
	type INodeType,
	type INodeTypeDescription,
	type INodeTypes,
	type IRunExecutionData,
} from 'n8n-workflow';

import { buildAdditionalData, type CredentialsData } from './n8nContext';

export interface LangchainTool {
	name: string;
	description: string;
	schema: { shape: Record<string, unknown> };
	invoke(args: Record<string, unknown>): Promise<string>;
}

/** The "…Tool" node type n8n derives from a node with `usableAsTool` (see n8n's convertNodeToAiTool). */
export function toolVariant(nodeType: INodeType): INodeType {
	const base = nodeType.description;
	const replacements = typeof base.usableAsTool === 'object' ? (base.usableAsTool.replacements ?? {}) : {};
	const description: INodeTypeDescription = {
		...base,
		...replacements,
		name: `${base.name}Tool`,
		displayName: `${base.displayName} Tool`,
		inputs: [],
		outputs: [NodeConnectionTypes.AiTool],
		usableAsTool: undefined,
	};
	return Object.create(nodeType, { description: { value: description } }) as INodeType;
}

const PARENT_NAME = 'Agent';

/** A node with an ai_tool input, standing in for the AI Agent / Tool Executor / MCP Server Trigger. */
const parentType: INodeType = {
	description: {
		displayName: 'Agent',
		name: 'agent',
		group: ['transform'],
		version: 1,
		description: 'Parent of the tool',
		defaults: { name: PARENT_NAME },
		inputs: [NodeConnectionTypes.Main, NodeConnectionTypes.AiTool],
		outputs: [NodeConnectionTypes.Main],
		properties: [],
	},
};

export interface ConnectedTool {
	tool: LangchainTool;
	/** The execution's run data: each tool call is one run of the tool node. */
	runExecutionData: IRunExecutionData;
}

/**
 * The tool n8n hands to the parent for `toolNodeName` (default "Solve Captcha"), its node holding `parameters`.
 * `executionId` keys the execution (Max Captchas Per Execution counts per execution).
 */
export async function connectTool(
	nodeType: INodeType,
	{
		parameters,
		credentials,
		toolNodeName = 'Solve Captcha',
		executionId = 'execution-under-test',
		signal,
	}: { parameters: INodeParameters; credentials?: CredentialsData; toolNodeName?: string; executionId?: string; signal?: AbortSignal },
): Promise<ConnectedTool> {
	const tool = toolVariant(nodeType);
	const toolNode: INode = {
		id: 'tool-node',
		name: toolNodeName,
		type: `n8n-nodes-twocaptcha.${tool.description.name}`,
		typeVersion: 1,
		position: [0, 200],
		parameters: structuredClone(parameters),
		credentials: Object.fromEntries(Object.keys(credentials ?? {}).map((type) => [type, { id: `cred-${type}`, name: type }])),
	};
	const parentNode: INode = { id: 'parent-node', name: PARENT_NAME, type: 'test.agent', typeVersion: 1, position: [200, 0], parameters: {} };
	const nodeTypes: INodeTypes = {
		getByName: (type) => (type === toolNode.type ? tool : parentType),
		getByNameAndVersion: (type) => (type === toolNode.type ? tool : parentType),
		getKnownTypes: () => ({}),
	};
	const workflow = new Workflow({
		id: 'workflow-under-test',
		name: 'Tool workflow',
		nodes: [parentNode, toolNode],
		connections: { [toolNodeName]: { [NodeConnectionTypes.AiTool]: [[{ node: PARENT_NAME, type: NodeConnectionTypes.AiTool, index: 0 }]] } },
		active: false,
		nodeTypes,
	});
	const items = [{ json: {} }];
	const inputData = { main: [items] };
	const parent = workflow.getNode(PARENT_NAME)!;
	const executeData: IExecuteData = { node: parent, data: inputData, source: null };
	const runExecutionData = createRunExecutionData();
	const context = new ExecuteContext(
		workflow,
		parent,
		buildAdditionalData(credentials, { executionId }),
		'manual',
		runExecutionData,
		0,
		items,
		inputData,
		executeData,
		[],
		signal,
	);
	const tools = (await context.getInputConnectionData(NodeConnectionTypes.AiTool, 0)) as LangchainTool[];
	return { tool: tools[0], runExecutionData };
}
