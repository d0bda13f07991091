package org.cryoj.io.star;

import java.util.Objects;

/**
 * One {@code data_NAME} block: a {@code loop_} table, or key-value pairs held as a one-row table.
 *
 * @param name  the block name without "data_" ("particles", "optics", "" for RELION 3.0's {@code data_})
 * @param loop  whether the block is written as a {@code loop_} (otherwise as {@code _label value} lines)
 * @param table the values
 */
public record StarBlock(String name, boolean loop, StarTable table) {
    public StarBlock {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(table, "table");
        if (name.chars().anyMatch(Character::isWhitespace))
            throw new IllegalArgumentException("block name '" + name + "' has blanks");
        if (!loop && table.rowCount() != 1)
            throw new IllegalArgumentException("key-value block data_" + name + " needs exactly one row, has " + table.rowCount());
    }

    /** A {@code loop_} block. */
    public static StarBlock loop(String name, StarTable table) { return new StarBlock(name, true, table); }

    /** A key-value block (the table must have one row). */
    public static StarBlock keyValues(String name, StarTable table) { return new StarBlock(name, false, table); }
}
