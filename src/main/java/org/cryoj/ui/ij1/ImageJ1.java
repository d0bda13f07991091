package org.cryoj.ui.ij1;

import ij.IJ;

/**
 * The few ImageJ 1 calls the bridge makes while a command runs: the status bar, the progress
 * bar, the Log window and the Esc flag. An interface so that tests can record the calls and press Esc.
 */
public interface ImageJ1 {
    void showStatus(String text);

    /** IJ.showProgress(done, total): the bar is erased when done reaches total. */
    void showProgress(int done, int total);

    /** IJ.log: a line in the Log window (stdout when ImageJ has no window). */
    void log(String text);

    boolean escapePressed();

    void resetEscape();

    /** The running ImageJ 1 (or none: the static calls then do nothing visible). */
    static ImageJ1 running() {
        return new ImageJ1() {
            @Override public void showStatus(String text) { IJ.showStatus(text); }
            @Override public void showProgress(int done, int total) { IJ.showProgress(done, total); }
            @Override public void log(String text) { IJ.log(text); }
            @Override public boolean escapePressed() { return IJ.escapePressed(); }
            @Override public void resetEscape() { IJ.resetEscape(); }
        };
    }
}
