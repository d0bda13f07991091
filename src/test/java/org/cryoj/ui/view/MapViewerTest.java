package org.cryoj.ui.view;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.util.ArrayList;
import java.util.List;

import org.cryoj.image.FloatVolume;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import bdv.util.BdvFunctions;
import ij3d.Content;
import ij3d.Image3DUniverse;
import net.imglib2.img.array.ArrayImg;
import net.imglib2.img.basictypeaccess.array.FloatArray;

/** The viewer bridge against test stand-ins of BigDataViewer and 3D Viewer (real ones are absent here). */
class MapViewerTest {

    /** Sees the stand-ins on the test classpath. */
    private static final ClassLookup PRESENT = ClassLookup.contextClassLoader();

    /** Pretends an installation without BigDataViewer and 3D Viewer. */
    private static final ClassLookup ABSENT = name -> {
        if (name.startsWith("bdv.") || name.startsWith("ij3d.")) throw new ClassNotFoundException(name);
        return PRESENT.find(name);
    };

    private final List<String> log = new ArrayList<>();

    @BeforeEach
    void clearRecords() {
        BdvFunctions.SHOWN.clear();
        Image3DUniverse.EVENTS.clear();
        Image3DUniverse.CONTENTS.clear();
    }

    private MapViewer viewer(ClassLookup lookup, boolean headless) {
        return new MapViewer(List.of(new BdvBackend(lookup, headless), new Viewer3DBackend(lookup, headless),
                new ImageJBackend(true)), log::add);
    }

    /** 8^3 ramp from 0 to 1 along x; mask = 1 on the x >= 4 half. */
    private static FloatVolume ramp() {
        FloatVolume v = FloatVolume.zeros(8, 8, 8, 1.5);
        for (int z = 0; z < 8; z++) for (int y = 0; y < 8; y++) for (int x = 0; x < 8; x++) v.set(x, y, z, x / 7f);
        return v;
    }

    private static FloatVolume halfMask() {
        FloatVolume m = FloatVolume.zeros(8, 8, 8, 1.5);
        for (int z = 0; z < 8; z++) for (int y = 0; y < 8; y++) for (int x = 4; x < 8; x++) m.set(x, y, z, 1);
        return m;
    }

    @Test
    void bigDataViewerGetsCalibratedMapAndMaskInTheSameWindow() {
        FloatVolume map = ramp();
        ViewOptions o = ViewOptions.options().title("run_class001").maskColor(Color.GREEN).maskAlpha(0.5);
        assertEquals("BigDataViewer", viewer(PRESENT, false).display(map, halfMask(), o));

        assertEquals(2, BdvFunctions.SHOWN.size());
        BdvFunctions.Shown m = BdvFunctions.SHOWN.get(0), k = BdvFunctions.SHOWN.get(1);
        assertEquals("run_class001", m.name());
        assertArrayEquals(new double[] {1.5, 1.5, 1.5}, m.options().sourceTransform);
        assertEquals("run_class001", m.options().frameTitle);
        // the map is handed over as a view of the same memory, not a copy
        assertSame(map.data(), ((FloatArray) ((ArrayImg<?, ?>) m.img()).update(null)).getCurrentStorageArray());
        assertEquals(0, m.source().displayMin, 0);
        assertEquals(1, m.source().displayMax, 1e-6);

        assertEquals("run_class001 mask", k.name());
        assertSame(m.source(), k.options().addTo, "mask must be added to the map's window");
        assertArrayEquals(new double[] {1.5, 1.5, 1.5}, k.options().sourceTransform);
        assertEquals(Color.GREEN.getRGB(), k.source().color.get());
        assertEquals(2, k.source().displayMax, 1e-12); // opacity 0.5: full colour at 1 / 0.5
        assertEquals(List.of("showing 'run_class001' with BigDataViewer"), log);
    }

    @Test
    void withoutViewersFallsBackToImageJAndSaysWhy() {
        assertEquals("ImageJ hyperstack", viewer(ABSENT, false).display(ramp(), null, ViewOptions.options().title("m")));
        assertEquals(List.of("BigDataViewer not found on the classpath; 3D Viewer not found on the classpath; "
                + "showing 'm' with ImageJ hyperstack"), log);
        assertTrue(BdvFunctions.SHOWN.isEmpty());
        assertTrue(Image3DUniverse.EVENTS.isEmpty());
    }

    @Test
    void headlessSkipsWindowedViewers() {
        assertEquals("ImageJ hyperstack", viewer(PRESENT, true).display(ramp(), null, ViewOptions.options()));
        assertTrue(log.get(0).startsWith("BigDataViewer needs a display (running headless); "
                + "3D Viewer needs a display (running headless); "), log.get(0));
    }

    @Test
    void preferredViewerIsTriedFirst() {
        ViewOptions o = ViewOptions.options().backend(ViewOptions.Backend.IMAGEJ);
        assertEquals("ImageJ hyperstack", viewer(PRESENT, false).display(ramp(), null, o));
        assertTrue(BdvFunctions.SHOWN.isEmpty());
        assertEquals("3D Viewer", viewer(PRESENT, false).display(ramp(), null, o.backend(ViewOptions.Backend.VIEWER3D)));
    }

    @Test
    void viewer3DGetsByteSurfaceAtTheRequestedLevelAndTranslucentMask() {
        ViewOptions o = ViewOptions.options().title("map").backend(ViewOptions.Backend.VIEWER3D)
                .isoThreshold(0.5).maskColor(new Color(255, 0, 0)).maskAlpha(0.25);
        assertEquals("3D Viewer", viewer(PRESENT, false).display(ramp(), halfMask(), o));
        assertEquals(List.of("new", "show", "addContent map", "addContent map mask"), Image3DUniverse.EVENTS);

        Content map = Image3DUniverse.CONTENTS.get(0);
        assertEquals(2, map.type); // ContentConstants.SURFACE
        assertEquals(128, map.threshold); // 0.5 on a 0..1 map scaled to 0..255
        assertEquals(1, map.resampling);
        assertEquals(8, map.image.getBitDepth());
        assertEquals(8, map.image.getNSlices());
        assertEquals(255, map.image.getStack().getProcessor(1).get(7, 0)); // x = 7 holds the maximum
        assertEquals(1.5, map.image.getCalibration().pixelDepth, 0);

        Content mask = Image3DUniverse.CONTENTS.get(1);
        assertEquals(128, mask.threshold); // the 0.5 level of a 0..1 mask
        assertEquals(1f, mask.color.x, 0);
        assertEquals(0f, mask.color.y, 0);
        assertEquals(0.75f, mask.transparency, 1e-6f);
    }

    @Test
    void viewerWithUnexpectedApiFallsThroughWithItsReason() {
        // BdvFunctions present but BdvOptions missing: an incompatible BigDataViewer
        ClassLookup broken = name -> {
            if (name.equals("bdv.util.BdvOptions") || name.startsWith("ij3d.")) throw new ClassNotFoundException(name);
            return PRESENT.find(name);
        };
        assertEquals("ImageJ hyperstack", viewer(broken, false).display(ramp(), null, ViewOptions.options()));
        assertTrue(log.get(0).startsWith("BigDataViewer API not as expected"), log.get(0));
    }

    @Test
    void maskOnAnotherGridIsRejected() {
        FloatVolume small = FloatVolume.zeros(4, 4, 4, 1.5);
        assertThrows(IllegalArgumentException.class, () -> viewer(PRESENT, true).display(ramp(), small, ViewOptions.options()));
        assertThrows(IllegalArgumentException.class,
                () -> viewer(PRESENT, true).display(ramp(), halfMask().withPixelSize(2), ViewOptions.options()));
    }

    @Test
    void optionsValidateTheirValues() {
        assertThrows(IllegalArgumentException.class, () -> ViewOptions.options().maskAlpha(1.5));
        assertThrows(IllegalArgumentException.class, () -> ViewOptions.options().title(" "));
        assertThrows(IllegalArgumentException.class, () -> ViewOptions.options().isoThreshold(Double.POSITIVE_INFINITY));
        ViewOptions base = ViewOptions.options();
        base.title("other");
        assertEquals("map", base.title(), "options are immutable");
    }
}
