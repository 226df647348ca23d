/**
 * A node's panel as n8n's editor resolves it: n8n-workflow's own display functions, with collection options seen
 * from their path (`parameters.<collection>`), so an option's `/name` rule reads the node's root parameters.
 */
import { NodeHelpers, type INode, type INodeParameters, type INodeProperties, type INodeTypeDescription } from 'n8n-workflow';

import { MODES, type ModeReads } from '../../nodes/TwoCaptcha/actions/captcha/modes';

const node: INode = { id: 'n', name: '2Captcha', type: 'n8n-nodes-twocaptcha.twoCaptcha', typeVersion: 1, position: [0, 0], parameters: {} };

/** The node's parameters with n8n's defaults, as the editor holds them. */
function editorValues(description: INodeTypeDescription, set: INodeParameters): INodeParameters {
	return NodeHelpers.getNodeParameters(description.properties, set, true, false, node, description) ?? {};
}

/** What the panel shows: parameter names, and `collection.option` for every option offered under Add Option. */
export function shownFields(description: INodeTypeDescription, set: INodeParameters): Set<string> {
	const values = editorValues(description, set);
	const shown = new Set<string>();
	const visible = (p: INodeProperties) => NodeHelpers.displayParameter(values, p, node, description) && !['notice', 'hidden'].includes(p.type);
	for (const property of description.properties.filter(visible)) {
		if (property.type !== 'collection') {
			shown.add(property.name);
			continue;
		}
		// The editor's collection: options seen from their path, with the node's parameters as the root.
		for (const option of (property.options ?? []) as INodeProperties[]) {
			const path = `parameters.${property.name}`;
			if (NodeHelpers.displayParameterPath({ parameters: values }, option, path, node, description)) shown.add(`${property.name}.${option.name}`);
		}
	}
	return shown;
}

/** The modes by their Mode value, and what each reads (its module's `reads`). */
export type ModeName = string;
export const MODE_NAMES: ModeName[] = MODES.map((mode) => mode.value);
export const MODE_READS: Record<ModeName, ModeReads> = Object.fromEntries(MODES.map((mode) => [mode.value, mode.reads]));
