package org.cryoj.ui.view;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

import org.cryoj.image.FloatVolume;

import ij.IJ;

/**
 * One entry point for looking at maps, whichever viewer this Fiji has:
 * <pre>
 * MapViewer.show(map, ViewOptions.options().title("run_class001"));
 * MapViewer.showWithMask(map, mask, ViewOptions.options().backend(Backend.VIEWER3D).isoThreshold(0.02));
 * </pre>
 * The preferred backend is tried first, then BigDataViewer, 3D Viewer and plain ImageJ in that
 * order; the log says which one answered and why any before it did not.
 */
public final class MapViewer {

    private final List<ViewerBackend> backends;
    private final Consumer<String> log;

    /**
     * @param backends in AUTO order, ending with one that is always available
     * @param log      receives one line per {@code show}
     */
    public MapViewer(List<ViewerBackend> backends, Consumer<String> log) {
        if (backends.isEmpty()) throw new IllegalArgumentException("no viewer backends");
        this.backends = List.copyOf(backends);
        this.log = Objects.requireNonNull(log, "log");
    }

    /** The viewers of this installation, found through the context class loader; logs to the ImageJ log. */
    public static MapViewer standard() {
        return new MapViewer(List.of(new BdvBackend(), new Viewer3DBackend(), new ImageJBackend()), IJ::log);
    }

    /** @return the name of the backend that showed the map */
    public static String show(FloatVolume map, ViewOptions options) {
        return standard().display(map, null, options);
    }

    /** @return the name of the backend that showed the map */
    public static String showWithMask(FloatVolume map, FloatVolume mask, ViewOptions options) {
        return standard().display(map, Objects.requireNonNull(mask, "mask"), options);
    }

    /**
     * Shows with the first backend that is available and accepts the call.
     *
     * @param mask null for none
     * @return the name of the backend used
     */
    public String display(FloatVolume map, FloatVolume mask, ViewOptions options) {
        Objects.requireNonNull(map, "map");
        if (mask != null) checkSameGrid(map, mask);
        List<String> skipped = new ArrayList<>();
        for (ViewerBackend b : ordered(options.backend())) {
            var reason = b.unavailableReason();
            if (reason.isPresent()) {
                skipped.add(reason.get());
                continue;
            }
            try {
                b.show(map, mask, options);
            } catch (ViewerException e) {
                skipped.add(e.getMessage());
                continue;
            }
            String used = "showing '" + options.title() + "' with " + b.name();
            log.accept(skipped.isEmpty() ? used : String.join("; ", skipped) + "; " + used);
            return b.name();
        }
        throw new IllegalStateException("no viewer could show the map: " + String.join("; ", skipped));
    }

    private List<ViewerBackend> ordered(ViewOptions.Backend preferred) {
        List<ViewerBackend> order = new ArrayList<>(backends);
        Class<?> first = switch (preferred) {
            case AUTO -> null;
            case BDV -> BdvBackend.class;
            case VIEWER3D -> Viewer3DBackend.class;
            case IMAGEJ -> ImageJBackend.class;
        };
        if (first != null) order.sort((a, b) -> Boolean.compare(!first.isInstance(a), !first.isInstance(b)));
        return order;
    }

    static void checkSameGrid(FloatVolume map, FloatVolume mask) {
        if (map.nx() != mask.nx() || map.ny() != mask.ny() || map.nz() != mask.nz())
            throw new IllegalArgumentException("mask " + mask + " does not match map " + map);
        if (Math.abs(map.pixelSize() - mask.pixelSize()) > 1e-4 * map.pixelSize())
            throw new IllegalArgumentException("mask pixel size " + mask.pixelSize() + " \u00c5 differs from map's "
                    + map.pixelSize() + " \u00c5");
    }
}
