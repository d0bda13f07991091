package bdv.util;

/** Test stand-in for BigDataViewer's {@code bdv.util.Bdv} (absent from this build). */
public interface Bdv {
}
