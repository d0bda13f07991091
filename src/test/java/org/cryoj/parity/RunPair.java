package org.cryoj.parity;

import java.nio.file.Path;

/**
 * Both tools' runs of one case: {@code relionOut} and {@code cryojOut} are where each wrote its
 * output (a file, or a folder for extraction); null when the case writes nothing (--stats ...).
 */
public record RunPair(ToolRun relion, ToolRun cryoj, Path relionOut, Path cryojOut) {}
