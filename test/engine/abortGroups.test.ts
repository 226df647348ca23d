import { AbortGroups } from '../../nodes/TwoCaptcha/engine/abortGroups';

describe('AbortGroups', () => {
	it('keeps one listener per signal, calls back each member still there on abort, and leaves no listener behind', () => {
		const aborted: string[] = [];
		const groups = new AbortGroups<string>((member) => {
			aborted.push(member);
			groups.delete(run.signal, member); // as the poller's settle does
		});
		const run = new AbortController();
		const other = new AbortController();
		const adds = jest.spyOn(run.signal, 'addEventListener');
		const removes = jest.spyOn(run.signal, 'removeEventListener');
		for (const member of ['a', 'b', 'c']) groups.add(run.signal, member);
		groups.add(other.signal, 'x');
		groups.add(undefined, 'no signal');
		expect(adds).toHaveBeenCalledTimes(1);
		expect(groups.size).toBe(2);

		groups.delete(run.signal, 'b');
		run.abort();
		expect(aborted).toEqual(['a', 'c']);
		expect(removes).toHaveBeenCalledTimes(1);
		expect(groups.size).toBe(1);

		groups.delete(other.signal, 'x');
		expect(groups.size).toBe(0);
		other.abort();
		expect(aborted).toEqual(['a', 'c']);
	});

	it('removes the listener with the last member, and adds a new one for members that come later', () => {
		const groups = new AbortGroups<number>(() => undefined);
		const signal = new AbortController().signal;
		const adds = jest.spyOn(signal, 'addEventListener');
		const removes = jest.spyOn(signal, 'removeEventListener');
		groups.add(signal, 1);
		groups.add(signal, 2);
		groups.delete(signal, 1);
		expect(removes).not.toHaveBeenCalled();
		groups.delete(signal, 2);
		groups.delete(signal, 2);
		expect(removes).toHaveBeenCalledTimes(1);
		groups.add(signal, 3);
		expect(adds).toHaveBeenCalledTimes(2);
	});
});
