/** What the 2Captcha node and the 2Captcha Trigger show alike in n8n's node creator and canvas. */

export const TWO_CAPTCHA_ICON = { light: 'file:twoCaptcha.svg', dark: 'file:twoCaptcha.dark.svg' } as const;

/**
 * Also the 2Captcha Trigger's description: n8n's node creator merges a trigger into the node of the same name and
 * shows the trigger's description on the merged entry, which must describe the solve node.
 */
export const TWO_CAPTCHA_DESCRIPTION =
	'Solve any captcha type 2Captcha supports, many items at once, and manage the 2Captcha account';
