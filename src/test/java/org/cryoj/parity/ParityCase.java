package org.cryoj.parity;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * One generated case: which tool, what input, which options; both tools get the same options.
 * {@code seed} and {@code index} reproduce it ({@link CaseGenerator#generate(long, int)}).
 */
public record ParityCase(long seed, int index, Tool tool, CaseInput input, List<CaseOption> options) {

    public ParityCase {
        options = List.copyOf(options);
    }

    public boolean has(String name) {
        return options.stream().anyMatch(o -> o.name().equals(name));
    }

    public Optional<String> value(String name) {
        return options.stream().filter(o -> o.name().equals(name)).map(CaseOption::value).findFirst();
    }

    public double number(String name, double otherwise) {
        return value(name).map(v -> {
            try {
                return Double.parseDouble(v);
            } catch (NumberFormatException e) {
                return otherwise;
            }
        }).orElse(otherwise);
    }

    /** The options as command-line words. */
    public List<String> words() {
        List<String> w = new ArrayList<>();
        for (CaseOption o : options) {
            w.add(o.name());
            if (!o.isFlag()) w.add(o.value());
        }
        return w;
    }

    public String optionString() {
        return options.stream().map(CaseOption::toString).collect(Collectors.joining(" "));
    }

    /** "seed:index", what bench/parity.sh and the CI test print to rerun one case. */
    public String id() {
        return seed + ":" + index;
    }
}
