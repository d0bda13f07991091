package ij3d;

import java.util.ArrayList;
import java.util.List;

import ij.ImagePlus;
import org.scijava.vecmath.Color3f;

/** Test stand-in for 3D Viewer's {@code Image3DUniverse}: records calls, opens no window. */
public class Image3DUniverse {

    public static final List<String> EVENTS = new ArrayList<>();
    public static final List<Content> CONTENTS = new ArrayList<>();

    public Image3DUniverse() {
        EVENTS.add("new");
    }

    public void show() {
        EVENTS.add("show");
    }

    /** A shorter overload the bridge must not pick. */
    public Content addContent(ImagePlus image, int type) {
        throw new AssertionError("bridge called the default-threshold overload");
    }

    public Content addContent(ImagePlus image, Color3f color, String name, int thresh, boolean[] channels,
                              int resf, int type) {
        EVENTS.add("addContent " + name);
        Content c = new Content(image, color, name, thresh, resf, type);
        CONTENTS.add(c);
        return c;
    }
}
