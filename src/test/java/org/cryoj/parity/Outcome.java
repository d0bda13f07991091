package org.cryoj.parity;

/**
 * One case's result: its verdict and, for a divergence README names, the entry that names it
 * ({@code deliberate}, else null).
 */
public record Outcome(ParityCase parityCase, Verdict verdict, Deliberate deliberate, double relionSeconds, double cryojSeconds) {

    public enum Category { AGREE, BOTH_REFUSED, DELIBERATE, DIVERGED }

    public Category category() {
        if (verdict instanceof Verdict.Agree) return Category.AGREE;
        if (verdict instanceof Verdict.BothRefused) return Category.BOTH_REFUSED;
        return deliberate != null ? Category.DELIBERATE : Category.DIVERGED;
    }
}
