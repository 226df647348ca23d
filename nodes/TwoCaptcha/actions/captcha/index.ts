import type { INodeProperties } from 'n8n-workflow';

import { captchaMethods } from '../../catalogue';
import { methodProperties, sortByName } from '../../catalogue/toProperties';
import type { ResourceModule } from '../types';
import { LIST_TYPES, listTypesOperation, listTypesProperties } from './listTypes.operation';
import { SOLVE_ANY, solveAnyOperation, solveAnyProperties } from './solveAny.operation';
import { solveOperation } from './solve.operation';
import { solverProperties } from './solverSettings';
import { pingbackModeProperties } from './waitForPingback';

const operation: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: ['captcha'] } },
	// The catalogue is sorted by name; the first entry is only the initial selection.
	default: 'recaptchaV2',
	options: sortByName([
		...captchaMethods.map((m) => ({ name: m.name, value: m.value, action: `Solve ${m.name}`, description: `${m.description}. Paid per solve.` })),
		{
			name: 'List Captcha Types',
			value: LIST_TYPES,
			action: 'List captcha types',
			description: 'Every captcha type with its required and optional fields and the shape of its solution. Free: nothing is sent to 2Captcha.',
		},
		{
			name: 'Solve Any Captcha',
			value: SOLVE_ANY,
			action: 'Solve any captcha',
			description:
				'Solve a captcha of any type, given the type and its fields as one JSON object. Paid per solve; returns the solution (token, text, clicks or object) and its captcha ID.',
		},
	]),
};

/** Every captcha method of the catalogue is one operation of the Captcha resource. */
export const captcha: ResourceModule = {
	description: [
		operation,
		...listTypesProperties,
		...solveAnyProperties,
		...captchaMethods.flatMap(methodProperties),
		...[...solverProperties, ...pingbackModeProperties].map(notForListing),
	],
	operations: {
		...Object.fromEntries(captchaMethods.map((m) => [m.value, solveOperation(m)])),
		[LIST_TYPES]: listTypesOperation,
		[SOLVE_ANY]: solveAnyOperation,
	},
};

/** Mode, pingback and Solver Settings mean nothing to List Captcha Types, which sends nothing. */
function notForListing(property: INodeProperties): INodeProperties {
	const displayOptions = property.displayOptions ?? {};
	return { ...property, displayOptions: { ...displayOptions, hide: { ...displayOptions.hide, operation: [LIST_TYPES] } } };
}
