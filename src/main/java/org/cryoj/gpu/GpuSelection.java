package org.cryoj.gpu;

import java.util.ArrayList;
import java.util.List;

/**
 * RELION's {@code --gpu} value: absent = CPU; {@code ""} = every visible device; otherwise
 * device numbers, ':' between MPI ranks and ',' between the threads of one rank
 * ("0:1:2:3", "0,0:1,1"). CryoJ runs one process, so the ranks' lists are joined in order; a
 * device named twice is shared by two workers, as in RELION.
 */
public record GpuSelection(boolean requested, List<Integer> devices) {

    public static final GpuSelection CPU = new GpuSelection(false, List.of());

    public GpuSelection {
        devices = List.copyOf(devices);
    }

    /** @param value the --gpu argument; null when the option was not given */
    public static GpuSelection parse(String value) {
        if (value == null) return CPU;
        String v = value.trim();
        if (v.isEmpty()) return new GpuSelection(true, List.of());
        List<Integer> ids = new ArrayList<>();
        for (String rank : v.split(":", -1)) {
            for (String t : rank.split(",", -1)) {
                String s = t.trim();
                if (s.isEmpty()) throw new IllegalArgumentException("--gpu \"" + value + "\": empty device number");
                try {
                    int id = Integer.parseInt(s);
                    if (id < 0) throw new NumberFormatException();
                    ids.add(id);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("--gpu \"" + value + "\": '" + s
                            + "' is not a device number (use e.g. \"0\", \"0:1\" or \"\" for all)");
                }
            }
        }
        return new GpuSelection(true, ids);
    }

    /** The devices to use on this machine: all of them for "", else the named ones, checked. */
    public List<GpuDevice> resolve(GpuStatus status) {
        if (!requested || !status.available()) return List.of();
        if (devices.isEmpty()) return status.devices();
        List<GpuDevice> out = new ArrayList<>();
        for (int id : devices) {
            if (id >= status.devices().size())
                throw new IllegalArgumentException("--gpu names device " + id + " but this machine has "
                        + status.devices().size() + " (" + status.devices() + ")");
            out.add(status.devices().get(id));
        }
        return out;
    }
}
