package ij3d;

/** Test stand-in for 3D Viewer's {@code ContentConstants} (same values). */
public interface ContentConstants {
    int VOLUME = 0;
    int ORTHO = 1;
    int SURFACE = 2;
}
