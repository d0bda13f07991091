package bdv.util;

import net.imglib2.type.numeric.ARGBType;

/** Test stand-in for {@code BdvStackSource}: records what the bridge sets. */
public class BdvStackSource<T> implements Bdv {
    public final String name;
    public double displayMin = Double.NaN, displayMax = Double.NaN;
    public ARGBType color;

    BdvStackSource(String name) {
        this.name = name;
    }

    public void setDisplayRange(double min, double max) {
        displayMin = min;
        displayMax = max;
    }

    public void setColor(ARGBType c) {
        color = c;
    }
}
