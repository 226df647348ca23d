import type { INodeProperties } from 'n8n-workflow';

import { operationMethods } from '../../catalogue';
import { methodProperties } from '../../catalogue/toProperties';
import type { ResourceModule } from '../types';
import { solveOperation } from './solve.operation';
import { solverProperties } from './solverSettings';
import { pingbackModeProperties } from './waitForPingback';

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

/** Every captcha method of the catalogue, and Custom Method, is one operation of the Captcha resource. */
export const captcha: ResourceModule = {
	description: [operation, ...operationMethods.flatMap(methodProperties), ...solverProperties, ...pingbackModeProperties],
	operations: Object.fromEntries(operationMethods.map((m) => [m.value, solveOperation(m)])),
};
