package org.cryoj.gpu;

import java.util.ArrayList;
import java.util.List;

/**
 * The {@code --gpu} value. RELION's syntax: absent = CPU; {@code ""} = every GPU; otherwise
 * device numbers, ':' between MPI ranks and ',' between the threads of one rank ("0:1:2:3",
 * "0,0:1,1"), counted over the GPUs (CUDA devices, then OpenCL GPUs: {@link GpuStatus#gpus}).
 * CryoJ's prefixes {@code cuda:} and {@code opencl:} count within one API instead, where
 * OpenCL devices of any type count ("opencl:0" may be PoCL's CPU device; "opencl:" = all).
 * CryoJ runs one process, so the ranks' lists are joined in order; a device named twice is
 * shared by two workers, as in RELION.
 *
 * @param api null for RELION's numbering over GPUs
 */
public record GpuSelection(boolean requested, GpuDevice.Api api, List<Integer> devices) {

    public static final GpuSelection CPU = new GpuSelection(false, null, List.of());

    public GpuSelection {
        devices = List.copyOf(devices);
    }

    /** @param value the --gpu argument; null when the option was not given */
    public static GpuSelection parse(String value) {
        if (value == null) return CPU;
        String v = value.trim();
        GpuDevice.Api api = null;
        for (GpuDevice.Api a : GpuDevice.Api.values()) {
            if (v.regionMatches(true, 0, a.prefix() + ":", 0, a.prefix().length() + 1)) {
                api = a;
                v = v.substring(a.prefix().length() + 1).trim();
                break;
            }
        }
        if (v.isEmpty()) return new GpuSelection(true, api, List.of());
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
                            + "' is not a device number (use e.g. \"0\", \"0:1\", \"\" for all GPUs, \"opencl:0\" or \"cuda:0\")");
                }
            }
        }
        return new GpuSelection(true, api, ids);
    }

    /** The devices this selection counts over, on this machine. */
    public List<GpuDevice> pool(GpuStatus status) {
        return api == null ? status.gpus() : status.of(api);
    }

    /** The devices to use on this machine: all of the pool for an empty list, else the named ones, checked. */
    public List<GpuDevice> resolve(GpuStatus status) {
        if (!requested) return List.of();
        List<GpuDevice> pool = pool(status);
        if (devices.isEmpty()) return pool;
        List<GpuDevice> out = new ArrayList<>();
        for (int id : devices) {
            if (id >= pool.size())
                throw new IllegalArgumentException("--gpu names " + (api == null ? "GPU " : api.prefix() + " device ") + id
                        + " but this machine has " + pool.size() + " " + (pool.isEmpty() ? "(" + status.reason() + ")" : pool.toString()));
            out.add(pool.get(id));
        }
        return out;
    }
}
