package org.scijava.vecmath;

/** Test stand-in for the vecmath colour 3D Viewer takes (absent from this build). */
public class Color3f {
    public final float x, y, z;

    public Color3f(float x, float y, float z) {
        this.x = x;
        this.y = y;
        this.z = z;
    }
}
