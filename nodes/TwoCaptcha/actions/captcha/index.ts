import type { INodeProperties } from 'n8n-workflow';

import { captchaMethods } from '../../catalogue';
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
	// The catalogue is sorted by name; the first entry is only the initial selection.
	default: 'recaptchaV2',
	options: captchaMethods.map((m) => ({ name: m.name, value: m.value, action: `Solve ${m.name}`, description: m.description })),
};

/** Every captcha method of the catalogue is one operation of the Captcha resource. */
export const captcha: ResourceModule = {
	description: [operation, ...captchaMethods.flatMap(methodProperties), ...solverProperties, ...pingbackModeProperties],
	operations: Object.fromEntries(captchaMethods.map((m) => [m.value, solveOperation(m)])),
};
