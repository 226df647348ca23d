import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

export type Resource = 'account' | 'captcha' | 'pingback' | 'task';

/** Runs one operation over all input items; returns exactly one output item per input item, pairedItem set. */
export type OperationHandler = (
	this: IExecuteFunctions,
	items: INodeExecutionData[],
) => Promise<INodeExecutionData[]>;

/** What each `actions/<resource>/index.ts` exports: its UI properties (incl. its Operation dropdown) and handlers. */
export interface ResourceModule {
	description: INodeProperties[];
	operations: Record<string, OperationHandler>;
}
