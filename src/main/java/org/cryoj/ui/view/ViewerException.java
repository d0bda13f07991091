package org.cryoj.ui.view;

/** A viewer was present but could not show the map (e.g. an incompatible BigDataViewer version). */
public class ViewerException extends Exception {
    public ViewerException(String message, Throwable cause) {
        super(message, cause);
    }
}
