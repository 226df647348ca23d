import type { IDataObject, IExecuteFunctions, INodeType } from 'n8n-workflow';

import { runPerItem, type ItemWork, type PerItemOptions } from '../../nodes/TwoCaptcha/actions/perItem';
import { TwoCaptchaApiError } from '../../nodes/TwoCaptcha/transport/errors';
import { runNode } from '../helpers/executeNode';

/** A node whose execute() is runPerItem over `work`, run in n8n-core's real ExecuteContext. */
function nodeRunning(work: (ctx: IExecuteFunctions) => ItemWork, options: PerItemOptions = {}): INodeType {
	return {
		description: {
			displayName: 'Per Item Probe',
			name: 'perItemProbe',
			group: ['transform'],
			version: 1,
			description: 'test',
			defaults: { name: 'Per Item Probe' },
			inputs: ['main'],
			outputs: ['main'],
			properties: [{ displayName: 'Captcha ID', name: 'captchaId', type: 'string', default: '' }],
		},
		async execute(this: IExecuteFunctions) {
			return [await runPerItem(this, this.getInputData(), work(this), options)];
		},
	};
}

const items = (count: number) => Array.from({ length: count }, (_, n) => ({ json: { n } }));
const delay = async (ms: number) => await new Promise((resolve) => setTimeout(resolve, ms));

describe('runPerItem', () => {
	it('keeps input order and pairedItem while running at most `concurrency` items at once', async () => {
		let running = 0;
		let peak = 0;
		const node = nodeRunning(
			() => async (itemIndex) => {
				peak = Math.max(peak, ++running);
				await delay(10 - itemIndex); // later items finish first
				running--;
				return { doubled: itemIndex * 2 };
			},
			{ concurrency: 3 },
		);

		const out = await runNode(node, { items: items(8) });

		expect(out.map((item) => item.json.doubled)).toEqual([0, 2, 4, 6, 8, 10, 12, 14]);
		expect(out.map((item) => item.pairedItem)).toEqual(items(8).map((_, item) => ({ item })));
		expect(peak).toBe(3);
	});

	it('with continueOnFail outputs the error JSON in the failed item, keeping the captcha ID', async () => {
		const node = nodeRunning(
			() => async (itemIndex) => {
				if (itemIndex === 1) throw TwoCaptchaApiError.fromCode('ERROR_CAPTCHA_UNSOLVABLE');
				return { ok: true } as IDataObject;
			},
			{ captchaIdOf: (itemIndex) => `10${itemIndex}` },
		);

		const out = await runNode(node, { items: items(3), continueOnFail: true });

		expect(out.map((item) => item.json)).toEqual([
			{ ok: true },
			{ error: expect.stringContaining('ERROR_CAPTCHA_UNSOLVABLE'), code: 'ERROR_CAPTCHA_UNSOLVABLE', category: 'fatalTask', captchaId: '101' },
			{ ok: true },
		]);
		expect(out[1].pairedItem).toEqual({ item: 1 });
	});

	it('without continueOnFail stops starting items after the first failure and throws it for that item', async () => {
		const started: number[] = [];
		const node = nodeRunning(
			() => async (itemIndex, signal) => {
				started.push(itemIndex);
				if (itemIndex === 0) throw new Error('broken item');
				await delay(20);
				return { aborted: signal.aborted };
			},
			{ concurrency: 2 },
		);

		await expect(runNode(node, { items: items(6) })).rejects.toMatchObject({
			message: 'broken item',
			context: expect.objectContaining({ itemIndex: 0 }),
		});
		expect(started).toEqual([0, 1]);
	});

	it('throws when the execution is cancelled instead of returning missing items', async () => {
		const controller = new AbortController();
		const node = nodeRunning(() => async (itemIndex) => {
			if (itemIndex === 1) controller.abort();
			return {};
		}, { concurrency: 1 });

		await expect(runNode(node, { items: items(4), signal: controller.signal })).rejects.toThrow('cancelled');
	});
});
