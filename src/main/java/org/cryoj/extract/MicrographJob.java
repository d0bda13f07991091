package org.cryoj.extract;

import java.nio.file.Path;

import org.cryoj.extract.Recentring.Position;

/**
 * One micrograph's share of an extraction: its file and pixel size, the stack to write, and its
 * particles' rows in the input STAR file with their new positions, in output order.
 */
record MicrographJob(int index, String micrographName, Path micrographFile, double angpix,
                     String stackName, int[] rows, Position[] positions) {

    int particles() { return rows.length; }
}
