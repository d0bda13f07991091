package org.cryoj.ui.view;

import java.awt.GraphicsEnvironment;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Optional;

import org.cryoj.image.FloatVolume;
import org.cryoj.image.ImageStatistics;

import ij.ImagePlus;

/**
 * Fiji's 3D Viewer (sc.fiji:3D_Viewer), reached only by reflection: an isosurface of the map
 * and, optionally, a translucent isosurface of the mask at 0.5, through
 * {@code Image3DUniverse.addContent(ImagePlus, Color3f, String, int threshold, boolean[] channels,
 * int resampling, int type)} with {@code type = ContentConstants.SURFACE}. 3D Viewer renders
 * bytes, so the map is scaled to 8 bits here (min..max to 0..255) and the level follows.
 */
public final class Viewer3DBackend implements ViewerBackend {

    static final String UNIVERSE = "ij3d.Image3DUniverse";
    static final String CONSTANTS = "ij3d.ContentConstants";
    /** 3D Viewer meshes above this many voxels per axis get slow; resample larger maps. */
    private static final int MAX_MESH_EDGE = 256;

    private final ClassLookup lookup;
    private final boolean headless;

    public Viewer3DBackend() {
        this(ClassLookup.contextClassLoader(), GraphicsEnvironment.isHeadless());
    }

    public Viewer3DBackend(ClassLookup lookup, boolean headless) {
        this.lookup = lookup;
        this.headless = headless;
    }

    @Override public String name() { return "3D Viewer"; }

    @Override
    public Optional<String> unavailableReason() {
        if (!lookup.has(UNIVERSE)) return Optional.of("3D Viewer not found on the classpath");
        if (headless) return Optional.of("3D Viewer needs a display (running headless)");
        return Optional.empty();
    }

    @Override
    public void show(FloatVolume map, FloatVolume mask, ViewOptions options) throws ViewerException {
        try {
            Class<?> universeClass = lookup.find(UNIVERSE);
            int surface = lookup.find(CONSTANTS).getField("SURFACE").getInt(null);
            Method add = addContent(universeClass);
            Object universe = universeClass.getConstructor().newInstance();
            universeClass.getMethod("show").invoke(universe);

            ImageStatistics s = ImageStatistics.of(map.data());
            double max = s.max() > s.min() ? s.max() : s.min() + 1;
            double level = Double.isNaN(options.isoThreshold()) ? s.mean() + 2 * s.stddev() : options.isoThreshold();
            ImagePlus bytes = ImagePlusConverter.toByteImagePlus(map, options.title(), s.min(), max);
            int threshold = Math.max(1, Math.min(254, ImagePlusConverter.toByte(level, s.min(), max)));
            int resampling = resampling(map);
            boolean[] rgb = {true, true, true};
            check(add.invoke(universe, bytes, null, options.title(), threshold, rgb, resampling, surface), options.title());

            if (mask != null) {
                MapViewer.checkSameGrid(map, mask);
                ImagePlus maskBytes = ImagePlusConverter.toByteImagePlus(mask, options.title() + " mask", 0, 1);
                float[] c = options.maskColor().getRGBColorComponents(null);
                // the colour class is whatever this 3D Viewer version declares (org.scijava.vecmath or javax.vecmath)
                Object color = add.getParameterTypes()[1].getConstructor(float.class, float.class, float.class)
                        .newInstance(c[0], c[1], c[2]);
                Object content = check(add.invoke(universe, maskBytes, color, options.title() + " mask",
                        ImagePlusConverter.toByte(0.5, 0, 1), rgb, resampling, surface), options.title() + " mask");
                content.getClass().getMethod("setTransparency", float.class)
                        .invoke(content, (float) (1 - options.maskAlpha()));
            }
        } catch (InvocationTargetException e) {
            throw new ViewerException("3D Viewer failed: " + e.getCause(), e.getCause());
        } catch (ReflectiveOperationException | LinkageError e) {
            throw new ViewerException("3D Viewer API not as expected (" + e + ")", e);
        }
    }

    static int resampling(FloatVolume map) {
        int edge = Math.max(map.nx(), Math.max(map.ny(), map.nz()));
        return Math.max(1, (edge + MAX_MESH_EDGE - 1) / MAX_MESH_EDGE);
    }

    private static Method addContent(Class<?> universeClass) throws NoSuchMethodException {
        for (Method m : universeClass.getMethods()) {
            Class<?>[] p = m.getParameterTypes();
            if (m.getName().equals("addContent") && p.length == 7 && p[0] == ImagePlus.class && p[2] == String.class
                    && p[3] == int.class && p[4] == boolean[].class && p[5] == int.class && p[6] == int.class)
                return m;
        }
        throw new NoSuchMethodException(universeClass.getName()
                + ".addContent(ImagePlus, Color3f, String, int, boolean[], int, int)");
    }

    /** 3D Viewer reports a refused content (e.g. a duplicate name) by returning null. */
    private static Object check(Object content, String name) throws ViewerException {
        if (content == null) throw new ViewerException("3D Viewer refused content '" + name + "'", null);
        return content;
    }
}
