/**
 * What a mode of the captcha operations is: one module per mode (waitForResult.ts, submitOnly.ts,
 * waitForPingback/), each with this small interface. The solve path (solve.operation.ts) reads Mode once, asks the
 * mode what it needs from each item while it validates them, then hands the valid items over to the mode's run().
 */
import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import type { CaptchaMethod } from '../../../catalogue/types';
import type { SolveBatch } from '../solveBatch';

/** The Solver Settings, by their parameter names. */
export type SolverSettingName =
	| 'firstPollSeconds'
	| 'pollIntervalSeconds'
	| 'timeoutSeconds'
	| 'maxInFlight'
	| 'unsolvableRetries'
	| 'includeRawAnswer'
	| 'maxCaptchasPerExecution';

export interface ModeReads {
	/** The mode's own top-level parameters (besides Mode, the operation's fields and its Options). */
	parameters: readonly string[];
	/** The Solver Settings the mode applies; any other setting stored on the node is ignored. */
	settings: readonly SolverSettingName[];
}

/** What a mode adds to one item: its in.php `pingback`, and fields its output carries (Submit Only's Reference). */
export interface ItemNeeds {
	pingback?: string;
	output?: IDataObject;
}

export interface Mode {
	/** The value of the Mode parameter. */
	value: string;
	/** Its entry in the Mode dropdown (one line). */
	name: string;
	description: string;
	/** What it does, for the Mode field's description (a sentence without its final period). */
	summary: string;
	/**
	 * Everything the mode reads besides Mode, the operation's fields and Options. The editor shows exactly these in
	 * this mode (the Solver Settings' display rules derive from it), and the solve applies only these settings.
	 */
	reads: ModeReads;
	/** What a Solver Setting means in this mode, where it differs from the setting's own description. */
	settingDescriptions?: Partial<Record<SolverSettingName, string>>;
	/** The mode's own fields, shown right under Mode in this mode only (modes/index.ts adds the display rule). */
	properties: INodeProperties[];
	/** Whether an AI tool call may use the mode: a tool call must return the answer itself. */
	inToolCall: boolean;
	/** Before any item is read: refuses a run the mode cannot take (nothing is sent then). */
	checkRun?(ctx: IExecuteFunctions, run: { itemCount: number; method?: CaptchaMethod }): void;
	/** While the items are validated: what the mode needs from one item besides the captcha's own fields. */
	readItem?(ctx: IExecuteFunctions, itemIndex: number): ItemNeeds;
	/** Solves the validated items; one output item per input item (solveBatch.ts has the parts every mode uses). */
	run(ctx: IExecuteFunctions, batch: SolveBatch): Promise<INodeExecutionData[]>;
}
