/** A value in a MinHeap under its key; `index` is where it sits (kept up to date by the heap). */
export interface HeapNode<T> {
	readonly key: number;
	readonly value: T;
	/** Pushed after every node of a smaller `order`: breaks ties between equal keys. */
	readonly order: number;
	index: number;
}

/**
 * A binary min-heap of numeric keys. `push` hands back the value's node, so a value that leaves early (a settled
 * id) is removed in O(log n) wherever it sits, and the heap never holds what is gone. Equal keys leave in
 * the order they were pushed.
 */
export class MinHeap<T> {
	private nodes: Array<HeapNode<T>> = [];
	private pushed = 0;

	get size(): number {
		return this.nodes.length;
	}

	/** The smallest key, Infinity when empty. */
	get minKey(): number {
		return this.nodes.length > 0 ? this.nodes[0].key : Infinity;
	}

	push(key: number, value: T): HeapNode<T> {
		const node: HeapNode<T> = { key, value, order: this.pushed++, index: this.nodes.length };
		this.nodes.push(node);
		this.up(node.index);
		return node;
	}

	/** Takes out the node with the smallest key. */
	pop(): HeapNode<T> | undefined {
		const top = this.nodes[0];
		if (top) this.remove(top);
		return top;
	}

	/** Takes `node` out if it is in this heap; false if it is not (popped, removed, or the heap was cleared since). */
	remove(node: HeapNode<T>): boolean {
		const index = node.index;
		if (this.nodes[index] !== node) return false;
		const last = this.nodes.pop()!;
		if (last !== node) {
			this.nodes[index] = last;
			last.index = index;
			this.down(index);
			this.up(last.index);
		}
		return true;
	}

	/** Empties the heap in O(1): the nodes it held are no longer in it. */
	clear(): void {
		this.nodes = [];
	}

	private up(index: number): void {
		const node = this.nodes[index];
		while (index > 0) {
			const parentIndex = (index - 1) >> 1;
			const parent = this.nodes[parentIndex];
			if (!before(node, parent)) break;
			this.place(parent, index);
			index = parentIndex;
		}
		this.place(node, index);
	}

	private down(index: number): void {
		const node = this.nodes[index];
		const size = this.nodes.length;
		for (;;) {
			let child = 2 * index + 1;
			if (child >= size) break;
			if (child + 1 < size && before(this.nodes[child + 1], this.nodes[child])) child++;
			if (!before(this.nodes[child], node)) break;
			this.place(this.nodes[child], index);
			index = child;
		}
		this.place(node, index);
	}

	private place(node: HeapNode<T>, index: number): void {
		this.nodes[index] = node;
		node.index = index;
	}
}

function before<T>(a: HeapNode<T>, b: HeapNode<T>): boolean {
	return a.key < b.key || (a.key === b.key && a.order < b.order);
}
