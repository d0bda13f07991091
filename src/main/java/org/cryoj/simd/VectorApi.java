package org.cryoj.simd;

import java.util.function.Function;

/**
 * The JDK's Vector API (incubator module jdk.incubator.vector), which the cryoj launcher and the tests turn on
 * with --add-modules: whether this JVM has it, and the classes that use it, made by name so that a JVM without
 * the module never links them. Each SIMD class has a plain-Java twin for the JVMs without it.
 */
public final class VectorApi {
    private VectorApi() {}

    /** Why a plain-Java twin runs where the module is missing. */
    public static final String MISSING = "start Java with --add-modules jdk.incubator.vector for SIMD";

    /** Whether this JVM was started with the module. */
    public static boolean present() {
        return ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
    }

    /**
     * A new {@code className} (a {@code type} whose constructor takes {@code args.length} ints) where the module is
     * there and the class loads; else {@code plain} applied to why not.
     */
    public static <T> T instanceOr(Class<T> type, String className, Function<String, T> plain, int... args) {
        if (!present()) return plain.apply(MISSING);
        try {
            Class<?>[] parameters = new Class<?>[args.length];
            Object[] values = new Object[args.length];
            for (int i = 0; i < args.length; i++) {
                parameters[i] = int.class;
                values[i] = args[i];
            }
            java.lang.reflect.Constructor<?> made = Class.forName(className).getDeclaredConstructor(parameters);
            made.setAccessible(true); // the SIMD classes and their constructors are package-private beside their twins
            return type.cast(made.newInstance(values));
        } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
            return plain.apply("Vector API failed to load: " + e);
        }
    }
}
