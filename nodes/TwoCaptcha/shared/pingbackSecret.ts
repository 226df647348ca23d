/**
 * The Secret of a 2Captcha Trigger in a pingback URL: the query parameter that carries it, and the placeholder the
 * trigger shows in its URLs for the user to replace. One rule for both ends: the trigger shows the placeholder, a
 * Submit Only node refuses a Pingback URL that still holds it (2Captcha would deliver to it, and the trigger would
 * turn every answer away).
 */

/** The query parameter of the pingback URL that carries the trigger's Secret. */
export const SECRET_QUERY_PARAM = 'secret';

/** Stands for the Secret in the URL the trigger shows; never a valid Secret (it has "<", ">" and a space). */
export const SECRET_PLACEHOLDER = '<your Secret>';

/** The placeholder in the editor's help texts, which are HTML. */
export const SECRET_PLACEHOLDER_HTML = SECRET_PLACEHOLDER.replace('<', '&lt;').replace('>', '&gt;');

/** Whether a URL still holds the placeholder, as typed or URL-encoded (a space as %20 or +). */
export function holdsSecretPlaceholder(url: string): boolean {
	const wanted = SECRET_PLACEHOLDER.toLowerCase();
	if (url.toLowerCase().includes(wanted)) return true;
	try {
		return decodeURIComponent(url.replace(/\+/g, ' ')).toLowerCase().includes(wanted);
	} catch {
		return false; // a malformed escape: not the placeholder's encoding either
	}
}
