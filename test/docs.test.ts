import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { resources } from '../nodes/TwoCaptcha/actions/resources';
import { captchaMethods, customMethod } from '../nodes/TwoCaptcha/catalogue';
import { solutionShape } from '../nodes/TwoCaptcha/catalogue/solutionShapes';

const { renderOperations, START, END } = require('../scripts/operations-doc');

describe('README', () => {
	it('lists every operation exactly as the node defines it (regenerate with `npm run docs`)', () => {
		const readme = readFileSync(join(__dirname, '..', 'README.md'), 'utf8');
		const block = readme.slice(readme.indexOf(START), readme.indexOf(END) + END.length);
		expect(block).toBe(renderOperations({ captchaMethods, customMethod, resources, solutionShape }));
		for (const method of [...captchaMethods, customMethod]) expect(block).toContain(`| ${method.name} |`);
	});
});
