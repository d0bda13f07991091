package bdv.util;

/** Test stand-in for bigdataviewer-vistools' {@code BdvOptions}: same builder methods, values kept for checks. */
public class BdvOptions {
    public double[] sourceTransform;
    public String frameTitle;
    public Bdv addTo;

    public static BdvOptions options() {
        return new BdvOptions();
    }

    public BdvOptions sourceTransform(double... calibration) {
        sourceTransform = calibration.clone();
        return this;
    }

    public BdvOptions frameTitle(String title) {
        frameTitle = title;
        return this;
    }

    public BdvOptions addTo(Bdv bdv) {
        addTo = bdv;
        return this;
    }
}
