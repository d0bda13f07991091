package bdv.util;

import java.util.ArrayList;
import java.util.List;

import net.imglib2.RandomAccessibleInterval;

/** Test stand-in for {@code BdvFunctions}: records every show call instead of opening a window. */
public class BdvFunctions {

    public record Shown(RandomAccessibleInterval<?> img, String name, BdvOptions options, BdvStackSource<?> source) {}

    public static final List<Shown> SHOWN = new ArrayList<>();

    public static <T> BdvStackSource<T> show(RandomAccessibleInterval<T> img, String name, BdvOptions options) {
        BdvStackSource<T> s = new BdvStackSource<>(name);
        SHOWN.add(new Shown(img, name, options, s));
        return s;
    }
}
