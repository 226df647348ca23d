/**
 * The trigger's Webhook URLs as n8n's editor shows them, and its webhook as n8n's server registers and matches it.
 *
 * n8n's editor evaluates a webhook's path with its preview keys (`$execution.id` is "[filled at execution time]",
 * mode manual) and puts it behind the base URL with `NodeHelpers.getNodeWebhookUrl`, for the Test URL, the
 * Production URL and the canvas's Copy Webhook URL. The server evaluates the same path with no keys (activation,
 * finding the webhook of each request) or with an execution's keys (n8n-core's getNodeWebhookUrl). The shown URL
 * must be the Pingback URL to paste, the Secret a placeholder; the served path must stay `<webhookId>/pingback`.
 */
import { HookContext } from 'n8n-core';
import { NodeHelpers, type IWebhookData, type IWorkflowDataProxyAdditionalKeys, type WorkflowExecuteMode } from 'n8n-workflow';

import { SECRET_PLACEHOLDER, SECRET_QUERY_PARAM } from '../../nodes/TwoCaptcha/shared/pingbackSecret';
import { SECRET_PATTERN } from '../../nodes/TwoCaptchaTrigger/secret';
import { TwoCaptchaTrigger } from '../../nodes/TwoCaptchaTrigger/TwoCaptchaTrigger.node';
import { EDITOR_PREVIEW_EXECUTION_ID, PINGBACK_PATH } from '../../nodes/TwoCaptchaTrigger/webhookPath';
import { forgetLocalClaims } from '../../nodes/TwoCaptcha/shared/claims';
import { buildAdditionalData, buildWorkflow, TEST_BASE_URL } from '../helpers/n8nContext';
import { runWebhook, TEST_WEBHOOK_ID } from '../helpers/webhookNode';

const SECRET = 'Zq8_fW2-mN5xR7tY1uVp';
const BASE = `${TEST_BASE_URL}/webhook`;
const trigger = new TwoCaptchaTrigger();
const [webhook] = trigger.description.webhooks!;

/** What the editor passes when it previews an expression (useWorkflowHelpers' resolveParameter in n8n 2.41). */
const EDITOR_KEYS = {
	$execution: { id: EDITOR_PREVIEW_EXECUTION_ID, mode: 'test', resumeUrl: EDITOR_PREVIEW_EXECUTION_ID, resumeFormUrl: EDITOR_PREVIEW_EXECUTION_ID },
	$vars: {},
	$executionId: EDITOR_PREVIEW_EXECUTION_ID,
	$resumeWebhookUrl: EDITOR_PREVIEW_EXECUTION_ID,
} as unknown as IWorkflowDataProxyAdditionalKeys;

function triggerNode(secret: string = SECRET) {
	return buildWorkflow(trigger, { webhookId: TEST_WEBHOOK_ID, parameters: { secret } });
}

/** The URL the editor shows under Webhook URLs → Production URL. */
function shownProductionUrl(secret?: string): string {
	const { workflow, node } = triggerNode(secret);
	const path = workflow.expression.getSimpleParameterValue(node, webhook.path, 'manual', EDITOR_KEYS);
	return NodeHelpers.getNodeWebhookUrl(BASE, workflow.id, node, String(path), false);
}

/** The path the server computes, as its webhook service does (no keys, mode internal). */
function servedPath(secret?: string): string {
	const { workflow, node } = triggerNode(secret);
	const path = String(workflow.expression.getSimpleParameterValue(node, webhook.path, 'internal', {}));
	return NodeHelpers.getNodeWebhookPath(workflow.id, node, path, false, false);
}

describe("The trigger's Webhook URLs in the editor", () => {
	it('show the whole Pingback URL: Production URL, ?secret= and a placeholder for the Secret', () => {
		expect(shownProductionUrl()).toBe(`${BASE}/${TEST_WEBHOOK_ID}/${PINGBACK_PATH}?${SECRET_QUERY_PARAM}=${SECRET_PLACEHOLDER}`);
	});

	it('never show the Secret itself, whatever it is', () => {
		for (const secret of [SECRET, 'another-Secret_0123456789', '={{ "from-an-expression-0123" }}']) {
			const shown = shownProductionUrl(secret);
			expect(shown).toContain(SECRET_PLACEHOLDER);
			expect(shown).not.toContain(secret.replace(/^=\{\{ "|" \}\}$/g, ''));
		}
	});

	it('leave a placeholder that no Secret can be, so a URL pasted unchanged cannot pass for a real one', () => {
		expect(SECRET_PATTERN.test(SECRET_PLACEHOLDER)).toBe(false);
	});

	it('with the placeholder replaced, are accepted by webhook(): the copied URL works', async () => {
		forgetLocalClaims();
		const pasted = new URL(shownProductionUrl().replace(SECRET_PLACEHOLDER, SECRET));
		const { result } = await runWebhook(trigger, {
			parameters: { secret: SECRET },
			request: { query: Object.fromEntries(pasted.searchParams), body: { id: '7123456001', code: 'tok' } },
		});

		expect(result.workflowData?.[0].map((item) => item.json)).toEqual([expect.objectContaining({ captchaId: '7123456001', solution: 'tok' })]);
	});
});

describe("The trigger's webhook on the server", () => {
	it('listens at <webhookId>/pingback, the path of every existing trigger', () => {
		expect(servedPath()).toBe(`${TEST_WEBHOOK_ID}/${PINGBACK_PATH}`);
	});

	it('keeps that path when parameters are expressions', () => {
		expect(servedPath('={{ "from-an-expression-0123" }}')).toBe(`${TEST_WEBHOOK_ID}/${PINGBACK_PATH}`);
	});

	it.each<WorkflowExecuteMode>(['trigger', 'manual', 'webhook', 'internal'])(
		"is what n8n-core's getNodeWebhookUrl gives a hook running in %s mode (the host it registers comes from it)",
		(mode) => {
			const { workflow, node } = triggerNode();
			const webhookData = {
				httpMethod: 'POST',
				node: node.name,
				path: servedPath(),
				webhookDescription: webhook,
				workflowId: workflow.id,
				workflowExecuteAdditionalData: buildAdditionalData(),
			} as IWebhookData;
			const context = new HookContext(workflow, node, buildAdditionalData(undefined, { webhookBaseUrl: BASE }), mode, 'activate', webhookData);

			expect(context.getNodeWebhookUrl('default')).toBe(`${BASE}/${TEST_WEBHOOK_ID}/${PINGBACK_PATH}`);
		},
	);
});
