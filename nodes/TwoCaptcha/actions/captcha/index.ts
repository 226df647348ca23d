import type { INodeProperties } from 'n8n-workflow';

import { operationMethods } from '../../catalogue';
import { methodProperties, sortByName } from '../../catalogue/toProperties';
import type { ResourceModule } from '../types';
import { LIST_TYPES, listTypesOperation, listTypesProperties } from './listTypes.operation';
import { modeProperties, MODES } from './modes';
import { SOLVE_ANY, solveAnyOperation, solveAnyProperties } from './solveAny.operation';
import { solveOperation } from './solve.operation';
import { solverSettingsProperty } from './solverSettingsProperty';

/** The captcha operations that solve: Mode and the Solver Settings show for these only (not for List Captcha Types). */
const solves = { resource: ['captcha'], operation: [...operationMethods.map((m) => m.value), SOLVE_ANY] };

const operation: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: ['captcha'] } },
	// Sorted by name (the catalogue and Custom Method); the first entry is only the initial selection.
	default: 'recaptchaV2',
	options: sortByName([
		...operationMethods.map((m) => ({ name: m.name, value: m.value, action: `Solve ${m.name}`, description: `${m.description}. Paid per solve.` })),
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

// The operation's fields, then Mode with its own fields right under it, then the two collections.
const methodFields = operationMethods.flatMap(methodProperties);
const isCollection = (property: INodeProperties) => property.type === 'collection';

/** Every captcha method of the catalogue, and Custom Method, is one operation of the Captcha resource; so are Solve Any Captcha and List Captcha Types. */
export const captcha: ResourceModule = {
	description: [
		operation,
		...listTypesProperties,
		...solveAnyProperties,
		...methodFields.filter((property) => !isCollection(property)),
		...modeProperties(solves),
		...methodFields.filter(isCollection).map((options) => ({
			...options,
			description: options.description ?? 'Optional fields of this captcha type, sent to 2Captcha with the required ones above',
		})),
		solverSettingsProperty(MODES, operationMethods, solves, [SOLVE_ANY]),
	],
	operations: {
		...Object.fromEntries(operationMethods.map((m) => [m.value, solveOperation(m)])),
		[LIST_TYPES]: listTypesOperation,
		[SOLVE_ANY]: solveAnyOperation,
	},
};
