package org.cryoj.parity;

/**
 * One command-line option of a case as both tools get it: {@code --name value}, or a flag
 * ({@code value} null). Values naming files are relative to the case's folder; the runners make
 * them absolute.
 */
public record CaseOption(String name, String value) {

    public static CaseOption flag(String name) { return new CaseOption(name, null); }

    public static CaseOption of(String name, Object value) { return new CaseOption(name, String.valueOf(value)); }

    public boolean isFlag() { return value == null; }

    @Override
    public String toString() { return value == null ? name : name + " " + value; }
}
