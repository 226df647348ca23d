import { MinHeap, type HeapNode } from '../../nodes/TwoCaptcha/engine/minHeap';

const { createRandom } = require('../sandbox/prng');

describe('MinHeap', () => {
	it('pops in key order, equal keys in the order they were pushed', () => {
		const heap = new MinHeap<string>();
		for (const [key, value] of [[5, 'e'], [1, 'a'], [3, 'c1'], [3, 'c2'], [2, 'b'], [3, 'c3'], [Infinity, 'z'], [-Infinity, 'first']] as const) {
			heap.push(key, value);
		}
		const popped: string[] = [];
		while (heap.size > 0) popped.push(heap.pop()!.value);
		expect(popped).toEqual(['first', 'a', 'b', 'c1', 'c2', 'c3', 'e', 'z']);
		expect(heap.pop()).toBeUndefined();
		expect(heap.minKey).toBe(Infinity);
	});

	it('removes any node wherever it sits, once; nodes popped, removed or cleared are no longer in it', () => {
		const heap = new MinHeap<number>();
		const nodes = [4, 8, 1, 9, 2, 7].map((key) => heap.push(key, key));
		expect(heap.remove(nodes[1])).toBe(true); // 8, inside the heap
		expect(heap.remove(nodes[1])).toBe(false);
		expect(heap.pop()!.value).toBe(1);
		expect(heap.remove(nodes[2])).toBe(false); // 1, popped
		expect(heap.minKey).toBe(2);

		heap.clear();
		expect(heap.size).toBe(0);
		expect(heap.remove(nodes[0])).toBe(false);
		const fresh = heap.push(3, 3);
		expect(heap.remove(nodes[0])).toBe(false); // a stale node at the same index is not the fresh one
		expect(heap.remove(fresh)).toBe(true);
	});

	it('matches a sorted list through 20 seeded runs of random pushes, pops and removals', () => {
		for (let seed = 1; seed <= 20; seed++) {
			const rng = createRandom(seed);
			const heap = new MinHeap<number>();
			let model: Array<HeapNode<number>> = [];
			const sorted = () => [...model].sort((a, b) => a.key - b.key || a.order - b.order);
			for (let step = 0; step < 2000; step++) {
				const action = rng.next();
				if (action < 0.5 || model.length === 0) {
					model.push(heap.push(rng.int(0, 50), step)); // few distinct keys: many ties
				} else if (action < 0.75) {
					const expected = sorted()[0];
					expect(heap.pop()).toBe(expected);
					model = model.filter((node) => node !== expected);
				} else {
					const node = rng.pick(model);
					expect(heap.remove(node)).toBe(true);
					model = model.filter((other) => other !== node);
				}
				expect(heap.size).toBe(model.length);
				expect(heap.minKey).toBe(model.length > 0 ? sorted()[0].key : Infinity);
			}
			const rest: number[] = [];
			while (heap.size > 0) rest.push(heap.pop()!.value);
			expect(rest).toEqual(sorted().map((node) => node.value));
		}
	});
});
