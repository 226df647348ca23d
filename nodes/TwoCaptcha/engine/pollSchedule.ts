import { MinHeap, type HeapNode } from './minHeap';

/** What the schedule reads of a pending id. */
export interface Scheduled {
	/** Clock time from which this id needs polling. */
	readonly firstPollAt: number;
	/** Clock time after which it fails. */
	readonly deadline: number;
	/**
	 * Not polled before this (a retry delay or an account block); -Infinity otherwise. Raised only while the id is
	 * in flight (its request's answer postpones it); read when the id comes back.
	 */
	nextPollAt: number;
}

/** Where one id sits in the schedule's orders. */
interface Place<E> {
	readonly entry: E;
	/** When it was added, relative to the others: each poll's riders go out in this order. */
	readonly order: number;
	deadline: HeapNode<E>;
	/** A rider: its node among the riders by the time it needs a poll. */
	due?: HeapNode<E>;
	/** Held back: its nodes among the held-back ids by the time it may ride again, and by the time it needs a poll. */
	held?: { release: HeapNode<E>; due: HeapNode<E> };
}

/** When an id needs a poll: its first poll has come and it is not held back. */
const dueAt = (entry: Scheduled): number => Math.max(entry.firstPollAt, entry.nextPollAt);

/**
 * When the poller's pending ids ride, need a poll and expire, kept in order so that no question scans them all.
 * Every scheduled id is in one of three states:
 * - a rider: not in a request and not held back (`nextPollAt` has passed): it joins the next poll;
 * - in flight, from `takeRiders` to `returned`: a request about it is under way, it joins no other;
 * - held back: not in a request, `nextPollAt` still to come; `release` makes it a rider once it has come.
 * Questions cost O(1); an id costs O(log n) when it is added, becomes a rider, is held back or is deleted.
 */
export class PollSchedule<E extends Scheduled> {
	private readonly places = new Map<E, Place<E>>();
	private added = 0;
	private readonly deadlines = new MinHeap<E>();
	private riders = new Set<Place<E>>();
	/** Riders by when they need a poll. */
	private readonly ridersDue = new MinHeap<E>();
	/** Held-back ids by `nextPollAt`, and by when they need a poll. */
	private readonly heldRelease = new MinHeap<E>();
	private readonly heldDue = new MinHeap<E>();

	get size(): number {
		return this.places.size;
	}

	/** A new pending id: a rider from now on, or held back if its `nextPollAt` is still to come. */
	add(entry: E, now: number): void {
		const place: Place<E> = { entry, order: this.added++, deadline: this.deadlines.push(entry.deadline, entry) };
		this.places.set(entry, place);
		this.enter(place, now);
	}

	/** The id settled: it leaves every order it is in. */
	delete(entry: E): void {
		const place = this.places.get(entry);
		if (!place) return;
		this.places.delete(entry);
		this.deadlines.remove(place.deadline);
		if (place.due) {
			this.riders.delete(place);
			this.ridersDue.remove(place.due);
		}
		if (place.held) {
			this.heldRelease.remove(place.held.release);
			this.heldDue.remove(place.held.due);
		}
	}

	/** Takes out and returns the ids whose deadline has come (`now` ≥ deadline), soonest first; the caller settles them. */
	expired(now: number): E[] {
		const expired: E[] = [];
		while (this.deadlines.minKey <= now) expired.push(this.deadlines.pop()!.value);
		return expired;
	}

	/** The next deadline (Infinity without ids). */
	nextDeadline(): number {
		return this.deadlines.minKey;
	}

	/** Held-back ids whose `nextPollAt` has come become riders. */
	release(now: number): void {
		while (this.heldRelease.minKey <= now) {
			const entry = this.heldRelease.pop()!.value;
			const place = this.places.get(entry)!;
			this.heldDue.remove(place.held!.due);
			place.held = undefined;
			this.enter(place, now);
		}
	}

	/**
	 * When a poll is needed: the earliest time an id not in flight has its first poll and is not held back
	 * (Infinity while every id is in flight).
	 */
	neededAt(): number {
		return Math.min(this.ridersDue.minKey, this.heldDue.minKey);
	}

	/**
	 * Every rider, in the order the ids were added, in flight from then on (a rider held back meanwhile is held
	 * back instead): O(k log k) for k riders, O(k) when they are still in order.
	 */
	takeRiders(now: number): E[] {
		const taken: Array<Place<E>> = [];
		for (const place of this.riders) {
			place.due = undefined;
			if (place.entry.nextPollAt > now) this.holdBack(place);
			else taken.push(place);
		}
		this.riders = new Set();
		this.ridersDue.clear();
		return taken.sort((a, b) => a.order - b.order).map((place) => place.entry);
	}

	/** The request about `entry` has settled: a rider again, or held back; nothing if it is no longer scheduled. */
	returned(entry: E, now: number): void {
		const place = this.places.get(entry);
		if (place && !place.due && !place.held) this.enter(place, now);
	}

	private enter(place: Place<E>, now: number): void {
		if (place.entry.nextPollAt > now) return this.holdBack(place);
		this.riders.add(place);
		place.due = this.ridersDue.push(dueAt(place.entry), place.entry);
	}

	private holdBack(place: Place<E>): void {
		const entry = place.entry;
		place.held = { release: this.heldRelease.push(entry.nextPollAt, entry), due: this.heldDue.push(dueAt(entry), entry) };
	}
}
