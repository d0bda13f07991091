package org.cryoj.ui.view;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;

import org.cryoj.image.FloatVolume;
import org.junit.jupiter.api.Test;

import ij.CompositeImage;
import ij.ImagePlus;
import ij.process.ByteProcessor;

class ImagePlusConverterTest {

    private static FloatVolume numbered(int nx, int ny, int nz, double px) {
        FloatVolume v = FloatVolume.zeros(nx, ny, nz, px);
        for (int i = 0; i < v.data().length; i++) v.data()[i] = i * 0.5f - 3;
        return v;
    }

    @Test
    void volumeRoundTripKeepsVoxelsAndAngstromCalibration() {
        FloatVolume v = numbered(5, 4, 3, 1.244);
        ImagePlus imp = ImagePlusConverter.toImagePlus(v, "map");
        assertEquals(32, imp.getBitDepth());
        assertEquals(3, imp.getNSlices());
        assertEquals("\u00c5", imp.getCalibration().getUnit());
        assertEquals(1.244, imp.getCalibration().pixelDepth, 0);
        // voxel (x=2, y=3, z=1) lands at the same place in the ImageJ stack
        assertEquals(v.get(2, 3, 1), imp.getStack().getProcessor(2).getf(2, 3), 0);
        FloatVolume back = ImagePlusConverter.toVolume(imp);
        assertArrayEquals(v.data(), back.data(), 0);
        assertEquals(1.244, back.pixelSize(), 0);
    }

    @Test
    void singleImageSharesItsArray() {
        FloatVolume v = numbered(6, 5, 1, 2);
        ImagePlus imp = ImagePlusConverter.toImagePlus(v, "img");
        assertSame(v.data(), imp.getProcessor().getPixels());
        assertSame(v.data(), ImagePlusConverter.toVolume(imp).data());
    }

    @Test
    void otherUnitsAndBitDepthsAreConverted() {
        ImagePlus imp = new ImagePlus("nm", new ByteProcessor(3, 2, new byte[] {1, 2, 3, 4, 5, (byte) 200}));
        imp.getCalibration().setUnit("nm");
        imp.getCalibration().pixelWidth = imp.getCalibration().pixelHeight = 0.1;
        FloatVolume v = ImagePlusConverter.toVolume(imp);
        assertEquals(1.0, v.pixelSize(), 1e-12);
        assertArrayEquals(new float[] {1, 2, 3, 4, 5, 200}, v.data(), 0);
    }

    @Test
    void uncalibratedOrAnisotropicImagesAreRejected() {
        ImagePlus plain = new ImagePlus("plain", new ByteProcessor(3, 3));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ImagePlusConverter.toVolume(plain));
        assertTrue(e.getMessage().startsWith("plain: spatial unit 'pixel'"), e.getMessage());
        ImagePlus stretched = ImagePlusConverter.toImagePlus(numbered(4, 4, 2, 1), "stretched");
        stretched.getCalibration().pixelDepth = 2;
        assertThrows(IllegalArgumentException.class, () -> ImagePlusConverter.toVolume(stretched));
    }

    @Test
    void byteScalingIsLinearAndClamped() {
        assertEquals(0, ImagePlusConverter.toByte(-1, 0, 1));
        assertEquals(128, ImagePlusConverter.toByte(0.5, 0, 1));
        assertEquals(64, ImagePlusConverter.toByte(0, -1, 3));
        assertEquals(255, ImagePlusConverter.toByte(7, 0, 1));
    }

    @Test
    void imageJHyperstackHasMapAndMaskChannels() {
        FloatVolume map = numbered(4, 4, 4, 1.1), mask = FloatVolume.zeros(4, 4, 4, 1.1);
        mask.set(1, 2, 3, 1);
        ImagePlus imp = ImageJBackend.build(map, mask, ViewOptions.options().title("t").maskColor(Color.BLUE).maskAlpha(0.5));
        assertTrue(imp instanceof CompositeImage);
        assertEquals(2, imp.getNChannels());
        assertEquals(4, imp.getNSlices());
        assertEquals("\u00c5", imp.getCalibration().getUnit());
        assertEquals(1.1, imp.getCalibration().pixelWidth, 0);
        assertEquals(map.get(3, 1, 2), imp.getStack().getProcessor(imp.getStackIndex(1, 3, 1)).getf(3, 1), 0);
        assertEquals(1, imp.getStack().getProcessor(imp.getStackIndex(2, 4, 1)).getf(1, 2), 0);
        CompositeImage c = (CompositeImage) imp;
        assertEquals(2, c.getChannelLut(2).max, 1e-12);
        assertEquals(Color.BLUE.getRGB(), c.getChannelLut(2).getRGB(255));
        assertEquals(map.data()[map.data().length - 1], c.getChannelLut(1).max, 1e-6);
    }
}
