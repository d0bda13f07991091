package org.cryoj.ui.view;

import java.util.Optional;

import org.cryoj.image.FloatVolume;

/** One way of putting a map (and optionally its mask) on screen. */
public interface ViewerBackend {

    /** Human-readable name, e.g. "BigDataViewer". */
    String name();

    /** Empty when usable; otherwise why not (e.g. "BigDataViewer not found on the classpath"). */
    Optional<String> unavailableReason();

    default boolean isAvailable() {
        return unavailableReason().isEmpty();
    }

    /**
     * @param mask same size as the map, values in [0, 1], or null for none
     * @throws ViewerException when the viewer is present but refused the call
     */
    void show(FloatVolume map, FloatVolume mask, ViewOptions options) throws ViewerException;
}
