package org.cryoj.refine;

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
        return choose(ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent());
    }

    static DotKernel choose(boolean vectorModule) {
        if (vectorModule) {
            try {
                // by name, so a JVM without the module never links the class
                return (DotKernel) Class.forName("org.cryoj.refine.VectorDotKernel").getDeclaredConstructor().newInstance();
            } catch (ReflectiveOperationException | LinkageError e) {
                return new ScalarDotKernel("Vector API failed to load: " + e);
            }
        }
        return new ScalarDotKernel("start Java with --add-modules jdk.incubator.vector for SIMD");
    }
}
