import { PollSchedule } from '../../nodes/TwoCaptcha/engine/pollSchedule';

const { createRandom } = require('../sandbox/prng');

interface Entry {
	id: string;
	firstPollAt: number;
	deadline: number;
	nextPollAt: number;
}

const entry = (id: string, firstPollAt: number, deadline: number, nextPollAt = -Infinity): Entry => ({ id, firstPollAt, deadline, nextPollAt });
const ids = (entries: Entry[]) => entries.map((e) => e.id);

describe('PollSchedule', () => {
	it('gives the expired ids in deadline order, each once, and the next deadline', () => {
		const schedule = new PollSchedule<Entry>();
		for (const e of [entry('a', 0, 300), entry('b', 0, 100), entry('c', 0, 200), entry('d', 0, 100)]) schedule.add(e, 0);
		expect(schedule.nextDeadline()).toBe(100);
		expect(ids(schedule.expired(99))).toEqual([]);
		expect(ids(schedule.expired(200))).toEqual(['b', 'd', 'c']);
		expect(ids(schedule.expired(250))).toEqual([]);
		expect(schedule.nextDeadline()).toBe(300);
	});

	it('every id not in flight and not held back rides, in the order added, whatever order its requests came back in', () => {
		const schedule = new PollSchedule<Entry>();
		const all = ['1', '2', '3', '4', '5'].map((id, i) => entry(id, 1000 + i * 1000, 99_999));
		for (const e of all) schedule.add(e, 0);
		// Riders before their first poll; a poll is needed from the earliest first poll on.
		expect(schedule.neededAt()).toBe(1000);
		expect(ids(schedule.takeRiders(0))).toEqual(['1', '2', '3', '4', '5']);
		expect(schedule.neededAt()).toBe(Infinity); // all in flight
		expect(ids(schedule.takeRiders(0))).toEqual([]);
		for (const e of [all[4], all[1], all[3]]) schedule.returned(e, 10);
		expect(schedule.neededAt()).toBe(2000);
		expect(ids(schedule.takeRiders(10))).toEqual(['2', '4', '5']);
		for (const e of [all[3], all[0]]) schedule.returned(e, 20);
		expect(ids(schedule.takeRiders(20))).toEqual(['1', '4']);
	});

	it('an id held back by a postponement rides again when it has passed, and needs a poll from then on', () => {
		const schedule = new PollSchedule<Entry>();
		const [a, b] = [entry('a', 0, 99_999), entry('b', 0, 99_999)];
		schedule.add(a, 0);
		schedule.add(b, 0);
		expect(ids(schedule.takeRiders(0))).toEqual(['a', 'b']);
		a.nextPollAt = 5000; // postponed while its request was under way
		schedule.returned(a, 100);
		schedule.returned(b, 100);
		expect(schedule.neededAt()).toBe(0); // b
		expect(ids(schedule.takeRiders(100))).toEqual(['b']);
		expect(schedule.neededAt()).toBe(5000); // a, held back
		schedule.release(4999);
		expect(ids(schedule.takeRiders(4999))).toEqual([]);
		schedule.release(5000);
		expect(ids(schedule.takeRiders(5000))).toEqual(['a']);
	});

	it('a settled id leaves every order: it neither rides, nor expires, nor makes a poll needed', () => {
		const schedule = new PollSchedule<Entry>();
		const [rider, held, flying] = [entry('rider', 10, 100), entry('held', 10, 100), entry('flying', 10, 100)];
		schedule.add(held, 0);
		schedule.add(flying, 0);
		schedule.takeRiders(0);
		held.nextPollAt = 50;
		schedule.returned(held, 0);
		schedule.add(rider, 0);
		for (const e of [rider, held, flying]) schedule.delete(e);
		schedule.returned(flying, 1);
		expect(schedule.size).toBe(0);
		expect(schedule.neededAt()).toBe(Infinity);
		expect(schedule.nextDeadline()).toBe(Infinity);
		schedule.release(60);
		expect(ids(schedule.takeRiders(60))).toEqual([]);
		expect(ids(schedule.expired(1000))).toEqual([]);
	});

	it('answers as scanning every pending id would, through 20 seeded runs of random events', () => {
		for (let seed = 1; seed <= 20; seed++) {
			const rng = createRandom(seed);
			const schedule = new PollSchedule<Entry>();
			/** The rules scanned, as the poller once computed them: every pending id, in the order added. */
			const model: Array<{ e: Entry; inFlight: boolean }> = [];
			const drop = (e: Entry) => model.splice(model.findIndex((m) => m.e === e), 1);
			let now = 0;
			let next = 0;
			for (let step = 0; step < 400; step++) {
				const action = rng.next();
				const flying = model.filter((m) => m.inFlight);
				if (action < 0.25) {
					const e = entry(String(next++), now + rng.int(0, 20_000), now + rng.int(1000, 60_000));
					schedule.add(e, now);
					model.push({ e, inFlight: false });
				} else if (action < 0.45) {
					now += rng.int(0, 3000);
				} else if (action < 0.6 && flying.length > 0) {
					// A request came back, perhaps postponing its ids first (retry delay, account block).
					const back = rng.pick(flying);
					if (rng.chance(0.4)) back.e.nextPollAt = Math.max(back.e.nextPollAt, now + rng.int(0, 10_000));
					back.inFlight = false;
					schedule.returned(back.e, now);
				} else if (action < 0.7 && model.length > 0) {
					const settled = rng.pick(model).e; // answered or cancelled, in flight or not
					schedule.delete(settled);
					drop(settled);
				} else {
					// One turn of the poller's loop.
					const expired = model.filter((m) => now >= m.e.deadline).sort((x, y) => x.e.deadline - y.e.deadline);
					expect(ids(schedule.expired(now))).toEqual(expired.map((m) => m.e.id));
					for (const m of expired) {
						schedule.delete(m.e);
						drop(m.e);
					}
					schedule.release(now);
					const notInFlight = model.filter((m) => !m.inFlight);
					expect(schedule.neededAt()).toBe(Math.min(Infinity, ...notInFlight.map((m) => Math.max(m.e.firstPollAt, m.e.nextPollAt))));
					expect(schedule.nextDeadline()).toBe(Math.min(Infinity, ...model.map((m) => m.e.deadline)));
					if (rng.chance(0.5)) {
						const riders = notInFlight.filter((m) => m.e.nextPollAt <= now);
						expect(ids(schedule.takeRiders(now))).toEqual(riders.map((m) => m.e.id));
						for (const m of riders) m.inFlight = true;
					}
				}
				expect(schedule.size).toBe(model.length);
			}
		}
	});
});
