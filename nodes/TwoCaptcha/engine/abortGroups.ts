/** The members of one abort signal, and the one listener kept on it. */
interface Group<T> {
	members: Set<T>;
	onAbort: () => void;
}

/**
 * Members grouped by their abort signal, with ONE listener per signal however many members share it (an
 * execution's items share its signal): when a signal aborts, `onAbort` is called for each of its members. The
 * listener is removed with the signal's last member, so nothing outlives what it watches.
 */
export class AbortGroups<T> {
	private readonly groups = new Map<AbortSignal, Group<T>>();

	constructor(private readonly onAbort: (member: T) => void) {}

	/** How many signals are watched. */
	get size(): number {
		return this.groups.size;
	}

	add(signal: AbortSignal | undefined, member: T): void {
		if (!signal) return;
		let group = this.groups.get(signal);
		if (!group) {
			const members = new Set<T>();
			const onAbort = () => {
				for (const aborted of [...members]) this.onAbort(aborted);
			};
			group = { members, onAbort };
			this.groups.set(signal, group);
			signal.addEventListener('abort', onAbort, { once: true });
		}
		group.members.add(member);
	}

	delete(signal: AbortSignal | undefined, member: T): void {
		const group = signal && this.groups.get(signal);
		if (!group) return;
		group.members.delete(member);
		if (group.members.size > 0) return;
		signal.removeEventListener('abort', group.onAbort);
		this.groups.delete(signal);
	}
}
