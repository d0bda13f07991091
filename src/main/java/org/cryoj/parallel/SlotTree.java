package org.cryoj.parallel;

import java.io.Serializable;
import java.util.HashMap;
import java.util.Map;

/**
 * Sums over numbered slots 0 .. n-1 (a refinement's or a reconstruction's share of the particles
 * per thread, or per Spark partition) added in one fixed binary tree: node (level L, index i) is
 * the sum of its children (L-1, 2i) + (L-1, 2i+1), left first, and a node without a right sibling
 * moves up unchanged. Float sums depend on the order of their terms; here that order depends only
 * on n, not on the order in which slots, or partial trees from elsewhere, arrive or are grouped,
 * so a cluster that merges as its tasks finish gets the same bits as threads merged in a loop.
 * For n &lt;= 3 the tree is the left fold (0 + 1) + 2.
 *
 * <p>{@link #merge} may change and return its left argument: a value handed to {@link #add} or
 * {@link #addAll} belongs to this tree from then on.
 */
public abstract class SlotTree<T> implements Serializable {
    private static final long serialVersionUID = 1L;

    private final int slots;
    private final Map<Long, T> pending = new HashMap<>();
    private T root;
    private int added;

    /** A tree over {@code slots} slots (at least 1). */
    protected SlotTree(int slots) {
        if (slots < 1) throw new IllegalArgumentException("a tree needs at least one slot, was " + slots);
        this.slots = slots;
    }

    /** left + right, in that order; may modify and return {@code left}. */
    protected abstract T merge(T left, T right);

    /** The number of slots. */
    public final int slots() { return slots; }

    /** Slots added so far, directly or through {@link #addAll}. */
    public final int added() { return added; }

    /** Whether every slot has been added. */
    public final boolean complete() { return root != null; }

    /** Adds slot {@code slot}'s value. */
    public final void add(int slot, T value) {
        if (slot < 0 || slot >= slots) throw new IllegalArgumentException("slot " + slot + " outside 0 .. " + (slots - 1));
        added++;
        put(0, slot, value);
    }

    /** Adds everything {@code other} (a tree over as many slots, with other slots) holds; {@code other} is spent. */
    public final void addAll(SlotTree<T> other) {
        if (other.slots != slots) throw new IllegalArgumentException("trees over " + slots + " and " + other.slots + " slots");
        if (other.root != null) {
            if (added > 0) throw new IllegalStateException("a slot was added twice");
            root = other.root;
        }
        for (Map.Entry<Long, T> e : other.pending.entrySet()) put((int) (e.getKey() >>> 32), (int) (long) e.getKey(), e.getValue());
        added += other.added;
        if (added > slots) throw new IllegalStateException("a slot was added twice");
        other.pending.clear();
        other.root = null;
    }

    /** The sum of all slots; only when {@link #complete()}. */
    public final T result() {
        if (root == null) throw new IllegalStateException(added + " of " + slots + " slots added");
        return root;
    }

    private void put(int level, int index, T value) {
        while (true) {
            if ((1L << level) >= slots) {
                if (root != null) throw new IllegalStateException("a slot was added twice");
                root = value;
                return;
            }
            int sibling = index ^ 1;
            if (((long) sibling << level) >= slots) {
                // no right sibling: up one level unchanged
                level++;
                index >>= 1;
                continue;
            }
            T other = pending.remove(key(level, sibling));
            if (other == null) {
                if (pending.putIfAbsent(key(level, index), value) != null) throw new IllegalStateException("a slot was added twice");
                return;
            }
            value = (index & 1) == 0 ? merge(value, other) : merge(other, value);
            level++;
            index >>= 1;
        }
    }

    private static long key(int level, int index) {
        return ((long) level << 32) | (index & 0xffffffffL);
    }
}
