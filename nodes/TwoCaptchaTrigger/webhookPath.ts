import { SECRET_PLACEHOLDER, SECRET_QUERY_PARAM } from '../TwoCaptcha/shared/pingbackSecret';

/** Where the trigger listens, under its webhook ID: <n8n>/webhook/<webhookId>/pingback (since the first version). */
export const PINGBACK_PATH = 'pingback';

/**
 * The execution ID n8n's editor puts into expressions it previews (a placeholder the server never uses). The editor
 * also builds the Webhook URLs it shows from the webhook's path evaluated this way.
 */
export const EDITOR_PREVIEW_EXECUTION_ID = '[filled at execution time]';

/** The Pingback URL's path and query as the editor shows it: the URL to paste, only the Secret left to fill in. */
export const SHOWN_PINGBACK_PATH = `${PINGBACK_PATH}?${SECRET_QUERY_PARAM}=${SECRET_PLACEHOLDER}`;

/**
 * The webhook's path. In the editor's Webhook URLs (Test URL, Production URL, the canvas's Copy Webhook URL) it is
 * `pingback?secret=<your Secret>`, so the panel shows the whole Pingback URL to paste; everywhere on the server
 * (activation, matching each request, n8n-core's getNodeWebhookUrl) it is `pingback`, as it always was, so existing
 * workflows keep their URL. The Secret itself is never in it: the editor shows a placeholder.
 */
export const PINGBACK_PATH_EXPRESSION =
	`={{ $execution?.id === ${JSON.stringify(EDITOR_PREVIEW_EXECUTION_ID)} ? ` +
	`${JSON.stringify(SHOWN_PINGBACK_PATH)} : ${JSON.stringify(PINGBACK_PATH)} }}`;
