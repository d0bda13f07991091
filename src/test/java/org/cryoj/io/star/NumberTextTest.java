package org.cryoj.io.star;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Locale;
import java.util.Random;

import org.junit.jupiter.api.Test;

class NumberTextTest {
    @Test
    void parsesExactlyLikeTheJdk() {
        Random rnd = new Random(7);
        for (int i = 0; i < 200_000; i++) {
            double v = (rnd.nextDouble() - 0.5) * Math.pow(10, rnd.nextInt(16) - 6);
            String s = switch (i % 4) {
                case 0 -> Double.toString(v);
                case 1 -> String.format(Locale.ROOT, "%.6f", v);
                case 2 -> String.format(Locale.ROOT, "%.6e", v);
                default -> String.format(Locale.ROOT, "%." + rnd.nextInt(18) + "f", v);
            };
            assertEquals(Double.parseDouble(s), NumberText.parseDouble(s), s);
        }
        assertEquals(-0.0, NumberText.parseDouble("-0"));
        assertEquals(Double.NaN, NumberText.parseDouble("nan"));
        assertEquals(Double.POSITIVE_INFINITY, NumberText.parseDouble("inf"));
        for (String bad : new String[] {"", "-", "1.5f", "0x10", "1,5", "abc", "1e", " 1"})
            assertThrows(NumberFormatException.class, () -> NumberText.parseDouble(bad), bad);
        assertEquals(-42, NumberText.parseInt("-42".getBytes(), 0, 3));
        assertEquals(2, NumberText.parseInt("2.000000".getBytes(), 0, 8));
        assertThrows(NumberFormatException.class, () -> NumberText.parseInt("3000000000".getBytes(), 0, 10));
    }

    @Test
    void formatsWithRelionPrecisionAndReadsBackWithinIt() {
        assertEquals("12.500000", NumberText.formatDouble(12.5));
        assertEquals("-31.500000", NumberText.formatDouble(-31.5));
        assertEquals("0.001000", NumberText.formatDouble(0.001));
        assertEquals("9.900000e-04", NumberText.formatDouble(0.00099));
        assertEquals("-100000.500000", NumberText.formatDouble(-100000.5));
        assertEquals("1.234568e+10", NumberText.formatDouble(12345678901.0));
        assertEquals("0.000000", NumberText.formatDouble(0));
        Random rnd = new Random(3);
        for (int i = 0; i < 100_000; i++) {
            double v = (rnd.nextDouble() - 0.5) * Math.pow(10, rnd.nextInt(20) - 8);
            double back = NumberText.parseDouble(NumberText.formatDouble(v));
            double a = Math.abs(v);
            // half a unit of the 6th decimal, plus the double rounding of a * 1e6 and of the parse
            double tol = (a >= 0.001 && a < 1e9) ? 5e-7 + 3e-16 * a : a * 5.1e-7;
            assertEquals(v, back, tol, Double.toString(v));
        }
    }
}
