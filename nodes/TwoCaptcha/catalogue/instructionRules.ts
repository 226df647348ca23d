/** Rules shared by the image methods whose worker needs an instruction. */
import { oneOf } from './validators';

/** Grid, Canvas and Bounding Box: the spec requires textinstructions unless imginstructions is sent. */
export const needsInstructions = oneOf(
	['textinstructions', 'imginstructions'],
	'Add Text Instructions or an Instructions Image: the worker needs to know what to select',
);
