package org.cryoj.parallel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

/** Float sums whose rounding depends on the order of the terms: the tree's must not depend on the order of arrival. */
class SlotTreeTest {
    /** Sums of one float, so rounding shows; the merge keeps the left object, as the accumulators' does. */
    static final class Sum {
        float v;
        Sum(float v) { this.v = v; }
    }

    static final class Tree extends SlotTree<Sum> {
        Tree(int slots) { super(slots); }

        @Override protected Sum merge(Sum left, Sum right) {
            left.v += right.v;
            return left;
        }
    }

    private static float[] values(int n, long seed) {
        Random r = new Random(seed);
        float[] v = new float[n];
        for (int i = 0; i < n; i++) v[i] = (float) ((r.nextBoolean() ? 1e7 : 1) * (r.nextDouble() - 0.3));
        return v;
    }

    @Test
    void theTreeIsFixedAndEqualsTheLeftFoldUpToThreeSlots() {
        float[] v = {1e8f, 3.3f, -1e8f, 7.7f, 0.1f};
        for (int n = 1; n <= 3; n++) {
            float fold = 0;
            for (int i = 0; i < n; i++) fold = i == 0 ? v[0] : fold + v[i];
            assertEquals(fold, sum(v, n, order(n, 0)));
        }
        // four slots: (0 + 1) + (2 + 3), not the left fold, in every order of arrival
        float tree = (v[0] + v[1]) + (v[2] + v[3]);
        assertNotEquals(((v[0] + v[1]) + v[2]) + v[3], tree, "the example must be one where the order matters");
        for (int seed = 0; seed < 24; seed++) assertEquals(tree, sum(v, 4, order(4, seed)));
        // five slots: ((0 + 1) + (2 + 3)) + 4
        assertEquals(((v[0] + v[1]) + (v[2] + v[3])) + v[4], sum(v, 5, order(5, 3)));
    }

    @Test
    void anyOrderAndAnyGroupingGivesTheSameBits() {
        for (int n : new int[] {2, 5, 8, 13, 64}) {
            float[] v = values(n, n);
            float expected = sum(v, n, order(n, 0));
            for (int seed = 1; seed < 40; seed++) {
                assertEquals(expected, sum(v, n, order(n, seed)), "slots added one by one, order " + seed);
                // partial trees over random groups, merged in random order (as Spark's tree aggregation does)
                Random r = new Random(seed);
                List<Tree> parts = new ArrayList<>();
                for (int i : order(n, seed)) {
                    if (parts.isEmpty() || r.nextInt(3) == 0) parts.add(new Tree(n));
                    parts.get(parts.size() - 1).add(i, new Sum(v[i]));
                }
                Collections.shuffle(parts, r);
                while (parts.size() > 1) {
                    Tree a = parts.remove(r.nextInt(parts.size())), b = parts.remove(r.nextInt(parts.size()));
                    a.addAll(b);
                    parts.add(a);
                }
                assertTrue(parts.get(0).complete());
                assertEquals(expected, parts.get(0).result().v, "grouped, order " + seed);
            }
        }
    }

    @Test
    void aMissingOrRepeatedSlotIsNoResult() {
        Tree t = new Tree(3);
        t.add(0, new Sum(1));
        t.add(2, new Sum(1));
        assertFalse(t.complete());
        assertThrows(IllegalStateException.class, t::result);
        assertThrows(IllegalStateException.class, () -> t.add(0, new Sum(1)));
        assertThrows(IllegalArgumentException.class, () -> t.add(3, new Sum(1)));
    }

    private static List<Integer> order(int n, long seed) {
        List<Integer> o = new ArrayList<>();
        for (int i = 0; i < n; i++) o.add(i);
        if (seed > 0) Collections.shuffle(o, new Random(seed));
        return o;
    }

    private static float sum(float[] v, int n, List<Integer> order) {
        Tree t = new Tree(n);
        for (int i : order) t.add(i, new Sum(v[i]));
        return t.result().v;
    }
}
