import type { INodeProperties } from 'n8n-workflow';

import { operationMethods } from '../../catalogue';
import { methodProperties } from '../../catalogue/toProperties';
import type { ResourceModule } from '../types';
import { modeProperties } from './modes';
import { solveOperation } from './solve.operation';
import { solverSettingsProperty } from './solverSettings';

/** The captcha operations: Mode and the Solver Settings show for these only. */
const solves = { resource: ['captcha'], operation: operationMethods.map((m) => m.value) };

const operation: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: ['captcha'] } },
	// Sorted by name (the catalogue and Custom Method); the first entry is only the initial selection.
	default: 'recaptchaV2',
	options: operationMethods.map((m) => ({ name: m.name, value: m.value, action: `Solve ${m.name}`, description: m.description })),
};

// The operation's fields, then Mode with its own fields right under it, then the two collections.
const methodFields = operationMethods.flatMap(methodProperties);
const isCollection = (property: INodeProperties) => property.type === 'collection';

/** Every captcha method of the catalogue, and Custom Method, is one operation of the Captcha resource. */
export const captcha: ResourceModule = {
	description: [
		operation,
		...methodFields.filter((property) => !isCollection(property)),
		...modeProperties(solves),
		...methodFields.filter(isCollection).map((options) => ({
			...options,
			description: options.description ?? 'Optional fields of this captcha type, sent to 2Captcha with the required ones above',
		})),
		solverSettingsProperty(operationMethods, solves),
	],
	operations: Object.fromEntries(operationMethods.map((m) => [m.value, solveOperation(m)])),
};
