/**
 * The modes of the captcha operations, one module each (mode.ts says what a mode is). This file lists them, reads
 * the Mode parameter (once per run), and puts the Mode dropdown with each mode's own fields into the editor.
 *
 * Each mode's `reads` is what it reads: the editor shows exactly those fields in that mode (the Solver Settings'
 * display rules derive from it too), the solve applies only those settings (`modeSettings`), and a test resolves
 * n8n's display rules per mode against it.
 */
import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { Mode } from './mode';
import { submitOnly } from './submitOnly';
import { waitForPingback } from './waitForPingback';
import { waitForResult } from './waitForResult';

export type { Mode, ModeReads, SolverSettingName } from './mode';

/** Every mode, the default first; the Mode dropdown lists them in this order. */
export const MODES: readonly Mode[] = [waitForResult, waitForPingback, submitOnly];

/** The mode a value names; the default for anything else (an old or hand-edited workflow). */
function modeNamed(value: unknown): Mode {
	return MODES.find((mode) => mode.value === value) ?? waitForResult;
}

/** The run's mode: the one read of the Mode parameter. */
export function readMode(ctx: IExecuteFunctions): Mode {
	return modeNamed(ctx.getNodeParameter('mode', 0, waitForResult.value));
}

/** The stored Solver Settings a mode applies; the others are dropped, whatever they hold. */
export function modeSettings(mode: unknown, raw: unknown): Record<string, unknown> {
	const reads = modeNamed(mode).reads.settings as readonly string[];
	const settings = raw && typeof raw === 'object' && !Array.isArray(raw) ? (raw as Record<string, unknown>) : {};
	return Object.fromEntries(Object.entries(settings).filter(([name]) => reads.includes(name)));
}

/** Mode and each mode's own fields, right under it. `show` limits them to the captcha operations that solve. */
export function modeProperties(show: { resource: string[]; operation: string[] }): INodeProperties[] {
	return [
		{
			displayName: 'Mode',
			name: 'mode',
			type: 'options',
			noDataExpression: true,
			default: 'waitForResult', // MODES[0] (a test holds them equal)
			displayOptions: { show },
			// Default first, one line each (the dropdown shows the option descriptions in one line).
			options: MODES.map((mode) => ({ name: mode.name, value: mode.value, description: mode.description })),
			description: `How the answers come back. ${MODES.map((mode) => `<b>${mode.name}</b>${mode === MODES[0] ? ' (default)' : ''}: ${mode.summary}`).join('. ')}.`,
		},
		...MODES.flatMap((mode) => mode.properties.map((property) => ({ ...property, displayOptions: { show: { ...show, mode: [mode.value] } } }))),
	];
}
