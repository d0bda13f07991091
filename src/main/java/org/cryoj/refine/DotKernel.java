package org.cryoj.refine;

import org.cryoj.simd.VectorApi;

/**
 * The E-step's innermost arithmetic, sums of products of float arrays: in plain Java, or with
 * the JDK's Vector API (SIMD, about 30x faster on AVX-512) where the JVM was started with
 * {@code --add-modules jdk.incubator.vector}, as the cryoj launcher does. Both sum in float.
 */
interface DotKernel {
    /** out[o T + t] = sum_i b_t[i] p_o[i] for O arrays p and T arrays b, all of one length. */
    void crossAll(float[][] p, float[][] b, double[] out);

    /** sum_i a[i] b[i] */
    double dot(float[] a, float[] b);

    /** sum_i w[i] p[i]² */
    double weightedSquares(float[] w, float[] p);

    /** For the log. */
    String name();

    /** The Vector API kernel where the module is there and loads, else plain Java. */
    static DotKernel best() {
        return VectorApi.instanceOr(DotKernel.class, "org.cryoj.refine.VectorDotKernel", ScalarDotKernel::new);
    }

    static DotKernel choose(boolean vectorModule) {
        return vectorModule ? best() : new ScalarDotKernel(VectorApi.MISSING);
    }
}
