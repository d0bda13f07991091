package org.cryoj.simd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class VectorApiTest {
    @Test
    void theTestJvmHasTheModule() {
        // surefire starts the JVM with --add-modules jdk.incubator.vector, as the cryoj launcher does
        assertTrue(VectorApi.present());
    }

    @Test
    void makesTheNamedClassWithItsIntArguments() {
        CharSequence made = VectorApi.instanceOr(CharSequence.class, "java.lang.StringBuilder", why -> why, 32);
        StringBuilder b = assertInstanceOf(StringBuilder.class, made);
        assertEquals(32, b.capacity());
    }

    @Test
    void aClassThatDoesNotLoadGivesThePlainTwinWithTheReason() {
        CharSequence made = VectorApi.instanceOr(CharSequence.class, "org.cryoj.simd.NoSuchKernel", why -> why);
        assertTrue(made.toString().startsWith("Vector API failed to load: java.lang.ClassNotFoundException"), made.toString());
    }
}
