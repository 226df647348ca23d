'use strict';
/** A clock for driving the engine with no waiting at all: the poller's CPU bench row and its tests. */

/**
 * A clock whose time moves only when the process has nothing else to do: then it jumps to the earliest sleep and
 * ends it. Sleeps end in the order of their end times (ties: in the order they began).
 */
function virtualClock() {
	let now = 0;
	let order = 0;
	const heap = [];
	const before = (a, b) => a.at < b.at || (a.at === b.at && a.order < b.order);
	const push = (timer) => {
		heap.push(timer);
		for (let i = heap.length - 1; i > 0; ) {
			const parent = (i - 1) >> 1;
			if (!before(heap[i], heap[parent])) break;
			[heap[i], heap[parent]] = [heap[parent], heap[i]];
			i = parent;
		}
	};
	const pop = () => {
		const top = heap[0];
		const last = heap.pop();
		if (heap.length > 0) {
			heap[0] = last;
			for (let i = 0; ; ) {
				const left = 2 * i + 1;
				const right = left + 1;
				let least = i;
				if (left < heap.length && before(heap[left], heap[least])) least = left;
				if (right < heap.length && before(heap[right], heap[least])) least = right;
				if (least === i) break;
				[heap[i], heap[least]] = [heap[least], heap[i]];
				i = least;
			}
		}
		return top;
	};
	const clock = {
		now: () => now,
		sleep: (ms, signal) =>
			new Promise((resolve, reject) => {
				if (signal?.aborted) return reject(signal.reason);
				const timer = { at: now + Math.max(0, ms), order: order++, done: false, end: resolve };
				if (signal) {
					const onAbort = () => {
						timer.done = true;
						reject(signal.reason);
					};
					signal.addEventListener('abort', onAbort, { once: true });
					timer.end = () => {
						signal.removeEventListener('abort', onAbort);
						resolve();
					};
				}
				push(timer);
			}),
	};
	/** Moves time on whenever the process is idle, until `promise` settles; then settles as it did. */
	const runUntil = async (promise) => {
		let finished = false;
		const outcome = promise.then(
			(value) => ((finished = true), { value }),
			(error) => ((finished = true), { error, failed: true }),
		);
		await new Promise((resolve, reject) => {
			const step = () => {
				if (finished) return resolve();
				let timer = pop();
				while (timer?.done) timer = pop();
				if (!timer) return reject(new Error('virtual clock: nothing left to wait for, but the run has not finished'));
				now = timer.at;
				timer.end();
				setImmediate(step); // after every promise reaction the ended sleep set off
			};
			setImmediate(step);
		});
		const { value, error, failed } = await outcome;
		if (failed) throw error;
		return value;
	};
	return { clock, runUntil };
}

module.exports = { virtualClock };
