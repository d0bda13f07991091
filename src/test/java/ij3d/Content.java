package ij3d;

import ij.ImagePlus;
import org.scijava.vecmath.Color3f;

/** Test stand-in for 3D Viewer's {@code Content}: keeps what it was created with. */
public class Content {
    public final ImagePlus image;
    public final Color3f color;
    public final String name;
    public final int threshold;
    public final int resampling;
    public final int type;
    public float transparency;

    Content(ImagePlus image, Color3f color, String name, int threshold, int resampling, int type) {
        this.image = image;
        this.color = color;
        this.name = name;
        this.threshold = threshold;
        this.resampling = resampling;
        this.type = type;
    }

    public void setTransparency(float t) {
        transparency = t;
    }
}
