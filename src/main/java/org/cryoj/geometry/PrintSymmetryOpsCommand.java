package org.cryoj.geometry;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code cryoj print_symmetry_ops --sym D2}: the operators of a point group, laid out like
 * {@code relion_refine --sym D2 --print_symmetry_ops}.
 */
@Command(name = "print_symmetry_ops", mixinStandardHelpOptions = true,
        description = "Print the symmetry operators of a point group (as relion_refine --print_symmetry_ops).")
public final class PrintSymmetryOpsCommand implements Callable<Integer> {

    @Option(names = "--sym", required = true, description = "Point group, e.g. C1, D2, O, I (RELION's names)")
    String sym;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        SymmetryGroup group = SymmetryGroup.parse(sym);
        PrintWriter out = spec.commandLine().getOut();
        out.print(format(group));
        out.flush();
        return 0;
    }

    static String format(SymmetryGroup group) {
        StringBuilder sb = new StringBuilder();
        sb.append(" ++++ Using symmetry group ").append(group.name()).append(", with the following ")
                .append(group.size()).append(" transformation matrices:\n");
        for (int i = 0; i < group.size(); i++) {
            Rotation3 l = group.leftOperator(i);
            if (!l.equals(Rotation3.IDENTITY)) appendMatrix(sb, " L(" + (i + 1) + ")= ", l);
            appendMatrix(sb, " R(" + (i + 1) + ")= ", group.operators().get(i));
            if (i > 0) {
                EulerAngles e = EulerAngles.fromMatrix(group.operators().get(i));
                sb.append("     Euler angles: ").append(number(e.rot())).append(' ').append(number(e.tilt()))
                        .append(' ').append(number(e.psi())).append('\n');
            }
        }
        return sb.toString();
    }

    private static void appendMatrix(StringBuilder sb, String label, Rotation3 a) {
        sb.append(label).append('\n');
        for (int r = 0; r < 3; r++) {
            for (int c = 0; c < 3; c++) sb.append(String.format(Locale.ROOT, "%13s ", number(a.get(r, c) + 0.0)));
            sb.append('\n');
        }
    }

    /** Six significant digits without trailing zeros, like C++'s default stream output. */
    private static String number(double v) {
        if (v == 0) return "0";
        String s = String.format(Locale.ROOT, "%.6g", v);
        if (s.contains("e")) return s;
        if (s.contains(".")) s = s.replaceAll("0+$", "").replaceAll("\\.$", "");
        return s;
    }
}
