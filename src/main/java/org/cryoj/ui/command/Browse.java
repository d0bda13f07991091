package org.cryoj.ui.command;

import org.scijava.widget.FileWidget;

/**
 * Widget styles of the commands' file and folder fields: every one is a {@link java.io.File}
 * with a Browse button (RELION's GUI has one for every file). SciJava's file widget reads the
 * first token (open, save or directory) for its chooser and "extensions:a/b" for the files it
 * accepts (drag and drop; the chooser of newer Fiji versions too). Tokens are comma-separated
 * without spaces, as that widget splits them. The ImageJ 1 dialog maps the same styles to its
 * file, folder and save fields.
 */
public final class Browse {
    private Browse() {}

    /** A STAR file to read. */
    public static final String OPEN_STAR = FileWidget.OPEN_STYLE + ",extensions:star";
    /** A map or mask to read (MRC; RELION's GUI also lists Spider formats, which CryoJ does not read). */
    public static final String OPEN_MAP = FileWidget.OPEN_STYLE + ",extensions:mrc/map";
    /** A map or mask to write. */
    public static final String SAVE_MAP = FileWidget.SAVE_STYLE + ",extensions:mrc";
    /** A PNG to write. */
    public static final String SAVE_PNG = FileWidget.SAVE_STYLE + ",extensions:png";
    /** An output rootname (RELION's "run"): a file name without extension. */
    public static final String SAVE_ROOTNAME = FileWidget.SAVE_STYLE;
    /** A folder. */
    public static final String FOLDER = FileWidget.DIRECTORY_STYLE;
}
