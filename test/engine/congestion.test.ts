import { CongestionGate } from '../../nodes/TwoCaptcha/engine/congestion';
import { scaledClock } from '../helpers/scaledClock';

const clock = scaledClock(0.005);

describe('CongestionGate', () => {
	it('is open until a slow-down answer, then lets one probe at a time through after the advised wait', async () => {
		const gate = new CongestionGate(clock);
		expect(await gate.enter()).toBe(false); // open: not a probe
		gate.leave(false, { slowDownMs: 5000 });

		const start = clock.now();
		const first = await gate.enter();
		expect(first).toBe(true);
		expect(clock.now() - start).toBeGreaterThanOrEqual(4500);
		let secondIn = false;
		const second = gate.enter().then((probe) => ((secondIn = true), probe));
		await clock.sleep(1000);
		expect(secondIn).toBe(false); // waits while the probe is out
		gate.leave(true, { accepted: true });
		expect(await second).toBe(false); // reopened for everybody
	});

	it('stays closed when the probe failed for another reason; the next waiter probes instead', async () => {
		const gate = new CongestionGate(clock);
		gate.leave(false, { slowDownMs: 0 });
		expect(await gate.enter()).toBe(true);
		const next = gate.enter();
		gate.leave(true, {}); // e.g. a transport error or a bad item: says nothing about the queue
		expect(await next).toBe(true);
		expect(gate.admits(false)).toBe(false);
	});

	it('lets a waiting caller leave as soon as its execution is stopped', async () => {
		const gate = new CongestionGate(clock);
		gate.leave(false, { slowDownMs: 0 });
		await gate.enter(); // the probe, never leaving
		const abort = new AbortController();
		const waiting = gate.enter(abort.signal);
		abort.abort();
		await expect(waiting).rejects.toBeDefined();
	});
});
