package org.cryoj.io.mrc;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.cryoj.io.InputFormatException;

/**
 * Checks a file against the MRC2014 specification, after the checks of ccpem/mrcfile's
 * validator: map ID, machine stamp, mode, dimensions, axis order, volume stack size, labels,
 * nversion, extended header type, header statistics and file size. Returns what is wrong in
 * words a user can act on; an empty list means the file is valid.
 */
public final class MrcValidator {
    private static final Set<Integer> MODES = Set.of(0, 1, 2, 4, 6, 12);

    private MrcValidator() {}

    public static List<String> validate(Path file) throws IOException {
        List<String> problems = new ArrayList<>();
        try (FileChannel ch = MrcFile.open(file)) {
            if (ch.size() < MrcHeader.HEADER_BYTES) {
                problems.add("file is " + ch.size() + " bytes, shorter than the 1024-byte MRC header");
                return problems;
            }
            ByteBuffer b = MrcHeaderCodec.readRaw(file, ch);
            checkHeader(b, problems);
            Long expected = expectedSize(b);
            if (expected != null && expected != ch.size())
                problems.add("file size " + ch.size() + " does not match " + expected + " expected from the header");
            else if (expected != null) {
                try {
                    checkStatistics(file, b, problems);
                } catch (InputFormatException e) {
                    problems.add("statistics not checked: " + e.getMessage());
                }
            }
        }
        return problems;
    }

    private static void checkHeader(ByteBuffer b, List<String> problems) {
        String map = MrcHeaderCodec.ascii(b, MrcHeaderCodec.MAP, 4);
        if (!map.equals("MAP ")) problems.add("map ID string is '" + map + "', not 'MAP '");
        int s0 = b.get(MrcHeaderCodec.MACHST) & 0xff, s1 = b.get(MrcHeaderCodec.MACHST + 1) & 0xff;
        if (!(s0 == 0x44 && (s1 == 0x44 || s1 == 0x41)) && !(s0 == 0x11 && s1 == 0x11))
            problems.add(String.format("invalid machine stamp 0x%02x 0x%02x (expected 0x44 0x44 or 0x44 0x41 little-endian, "
                    + "0x11 0x11 big-endian)", s0, s1));
        int mode = b.getInt(MrcHeaderCodec.MODE);
        if (!MODES.contains(mode)) problems.add("mode " + mode + " is not a known MRC mode (0, 1, 2, 4, 6, 12)");
        String[] dimNames = {"nx", "ny", "nz", "mx", "my", "mz"};
        int[] dims = {b.getInt(0), b.getInt(4), b.getInt(8),
                b.getInt(MrcHeaderCodec.MXYZ), b.getInt(MrcHeaderCodec.MXYZ + 4), b.getInt(MrcHeaderCodec.MXYZ + 8)};
        for (int i = 0; i < dims.length; i++)
            if (dims[i] <= 0) problems.add("header " + dimNames[i] + " is " + dims[i] + ", must be positive");
        String[] cellNames = {"cella.x", "cella.y", "cella.z"};
        for (int i = 0; i < 3; i++) {
            float c = b.getFloat(MrcHeaderCodec.CELLA + 4 * i);
            if (!(c > 0)) problems.add("cell dimension " + cellNames[i] + " is " + c + ", must be positive (voxel size unknown)");
        }
        int mapc = b.getInt(MrcHeaderCodec.MAPCRS), mapr = b.getInt(MrcHeaderCodec.MAPCRS + 4), maps = b.getInt(MrcHeaderCodec.MAPCRS + 8);
        if (!MrcHeaderCodec.isAxisPermutation(mapc, mapr, maps))
            problems.add("mapc/mapr/maps are " + mapc + ", " + mapr + ", " + maps + ", not a permutation of 1, 2, 3");
        int ispg = b.getInt(MrcHeaderCodec.ISPG);
        if (ispg >= 401 && ispg <= 630 && dims[5] > 0 && dims[2] % dims[5] != 0)
            problems.add("volume stack (ispg " + ispg + "): nz " + dims[2] + " is not a multiple of mz " + dims[5]);
        checkLabels(b, problems);
        int nversion = b.getInt(MrcHeaderCodec.NVERSION);
        if (nversion != 20140 && nversion != 20141)
            problems.add("nversion is " + nversion + ", not MRC2014's 20140 or 20141");
        int nsymbt = b.getInt(MrcHeaderCodec.NSYMBT);
        if (nsymbt < 0) problems.add("extended header size nsymbt is negative: " + nsymbt);
        if (nsymbt > 0 && MrcHeaderCodec.ascii(b, MrcHeaderCodec.EXTTYP, 4).isBlank())
            problems.add("extended header of " + nsymbt + " bytes but exttyp does not say its type");
    }

    private static void checkLabels(ByteBuffer b, List<String> problems) {
        int nlabl = b.getInt(MrcHeaderCodec.NLABL);
        if (nlabl < 0 || nlabl > MrcHeaderCodec.MAX_LABELS) {
            problems.add("nlabl is " + nlabl + ", must be 0 to 10");
            return;
        }
        for (int i = 0; i < MrcHeaderCodec.MAX_LABELS; i++) {
            boolean blank = MrcHeaderCodec.ascii(b, MrcHeaderCodec.LABELS + i * MrcHeaderCodec.LABEL_BYTES,
                    MrcHeaderCodec.LABEL_BYTES).isBlank();
            if (i < nlabl && blank) problems.add("nlabl is " + nlabl + " but label " + (i + 1) + " is empty");
            if (i >= nlabl && !blank) problems.add("label " + (i + 1) + " is set but nlabl is " + nlabl);
        }
    }

    private static Long expectedSize(ByteBuffer b) {
        MrcMode mode = MrcMode.of(b.getInt(MrcHeaderCodec.MODE));
        long nx = b.getInt(0), ny = b.getInt(4), nz = b.getInt(8), nsymbt = b.getInt(MrcHeaderCodec.NSYMBT);
        if (mode == null || nx <= 0 || ny <= 0 || nz <= 0 || nsymbt < 0) return null;
        return MrcHeader.HEADER_BYTES + nsymbt + nx * ny * nz * mode.bytesPerVoxel();
    }

    /**
     * Header statistics against the data, summed in double; undetermined values (dmax < dmin,
     * dmean below both, rms negative) are allowed as MRC2014 says.
     */
    private static void checkStatistics(Path file, ByteBuffer b, List<String> problems) throws IOException {
        double dmin = b.getFloat(MrcHeaderCodec.DMIN), dmax = b.getFloat(MrcHeaderCodec.DMAX);
        double dmean = b.getFloat(MrcHeaderCodec.DMEAN), rms = b.getFloat(MrcHeaderCodec.RMS);
        double min = Double.POSITIVE_INFINITY, max = Double.NEGATIVE_INFINITY, sum = 0;
        try (MrcStackReader r = MrcStackReader.open(file)) {
            float[] img = null;
            for (int i = 0; i < r.size(); i++) {
                img = r.readImage(i, img);
                for (float v : img) { min = Math.min(min, v); max = Math.max(max, v); sum += v; }
            }
            long n = (long) r.size() * img.length;
            double mean = sum / n, ss = 0;
            for (int i = 0; i < r.size(); i++) {
                img = r.readImage(i, img);
                for (float v : img) ss += (v - mean) * (v - mean);
            }
            double sd = Math.sqrt(ss / n);
            if (!(dmax < dmin)) {
                if (dmin != (float) min) problems.add("header minimum " + dmin + " but the data minimum is " + min);
                if (dmax != (float) max) problems.add("header maximum " + dmax + " but the data maximum is " + max);
            }
            if (!(dmean < Math.min(dmin, dmax)) && !close(dmean, mean))
                problems.add("header mean " + dmean + " but the data mean is " + mean);
            if (!(rms < 0) && !close(rms, sd))
                problems.add("header RMS deviation " + rms + " but the data standard deviation is " + sd);
        }
    }

    /** numpy.isclose's default tolerance, which mrcfile uses. */
    private static boolean close(double header, double actual) {
        return Math.abs(header - actual) <= 1e-8 + 1e-5 * Math.abs(actual);
    }
}
