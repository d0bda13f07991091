package org.cryoj.ui.view;

import java.awt.GraphicsEnvironment;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Optional;

import org.cryoj.image.FloatVolume;
import org.cryoj.image.ImageStatistics;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.ARGBType;

/**
 * BigDataViewer (bigdataviewer-vistools), reached only by reflection. The calls are those of
 * its quick-visualisation API:
 * <pre>
 * BdvStackSource s = BdvFunctions.show(img, title, BdvOptions.options().sourceTransform(px, px, px).frameTitle(title));
 * BdvFunctions.show(maskImg, title + " mask", BdvOptions.options().sourceTransform(px, px, px).addTo(s));
 * </pre>
 * so the view is in Å and the mask is overlaid in the same window.
 */
public final class BdvBackend implements ViewerBackend {

    static final String FUNCTIONS = "bdv.util.BdvFunctions";
    static final String OPTIONS = "bdv.util.BdvOptions";
    static final String BDV = "bdv.util.Bdv";

    private final ClassLookup lookup;
    private final boolean headless;

    public BdvBackend() {
        this(ClassLookup.contextClassLoader(), GraphicsEnvironment.isHeadless());
    }

    public BdvBackend(ClassLookup lookup, boolean headless) {
        this.lookup = lookup;
        this.headless = headless;
    }

    @Override public String name() { return "BigDataViewer"; }

    @Override
    public Optional<String> unavailableReason() {
        if (!lookup.has(FUNCTIONS)) return Optional.of("BigDataViewer not found on the classpath");
        if (headless) return Optional.of("BigDataViewer needs a display (running headless)");
        return Optional.empty();
    }

    @Override
    public void show(FloatVolume map, FloatVolume mask, ViewOptions options) throws ViewerException {
        try {
            Class<?> functions = lookup.find(FUNCTIONS);
            Class<?> optionsClass = lookup.find(OPTIONS);
            Class<?> bdvClass = lookup.find(BDV);
            Method show = functions.getMethod("show", RandomAccessibleInterval.class, String.class, optionsClass);

            Object mapOptions = calibrated(optionsClass, map.pixelSize());
            mapOptions = optionsClass.getMethod("frameTitle", String.class).invoke(mapOptions, options.title());
            Object mapSource = show.invoke(null, map.toImg(), options.title(), mapOptions);
            ImageStatistics s = ImageStatistics.of(map.data());
            displayRange(mapSource, s.min(), s.max());

            if (mask != null) {
                MapViewer.checkSameGrid(map, mask);
                Object maskOptions = optionsClass.getMethod("addTo", bdvClass)
                        .invoke(calibrated(optionsClass, map.pixelSize()), mapSource);
                Object maskSource = show.invoke(null, mask.toImg(), options.title() + " mask", maskOptions);
                maskSource.getClass().getMethod("setColor", ARGBType.class)
                        .invoke(maskSource, new ARGBType(options.maskColor().getRGB() | 0xff000000));
                displayRange(maskSource, 0, options.maskAlpha() > 0 ? 1 / options.maskAlpha() : Float.MAX_VALUE);
            }
        } catch (InvocationTargetException e) {
            throw new ViewerException("BigDataViewer failed: " + e.getCause(), e.getCause());
        } catch (ReflectiveOperationException | LinkageError e) {
            throw new ViewerException("BigDataViewer API not as expected (" + e + ")", e);
        }
    }

    private static Object calibrated(Class<?> optionsClass, double px) throws ReflectiveOperationException {
        Object o = optionsClass.getMethod("options").invoke(null);
        return optionsClass.getMethod("sourceTransform", double[].class).invoke(o, (Object) new double[] {px, px, px});
    }

    private static void displayRange(Object source, double min, double max) throws ReflectiveOperationException {
        source.getClass().getMethod("setDisplayRange", double.class, double.class)
                .invoke(source, min, max > min ? max : min + 1);
    }
}
