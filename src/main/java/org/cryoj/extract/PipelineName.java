package org.cryoj.extract;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A file name in a RELION project split like RELION's decomposePipelineFileName:
 * {@code MotionCorr/job002/Movies/mic1.mrc} is the job folder {@code MotionCorr/job002/} and the
 * rest {@code Movies/mic1.mrc}. Particle stacks mirror the rest under the extraction folder, and
 * particles are matched to a micrograph by their rlnMicrographName containing the rest.
 */
record PipelineName(String jobFolder, String rest) {
    // the first "jobNNN/" that follows a slash
    private static final Pattern JOB = Pattern.compile("^(.*?/job\\d{3}/)(.*)$");

    static PipelineName of(String name) {
        Matcher m = JOB.matcher(name);
        return m.matches() ? new PipelineName(m.group(1), m.group(2)) : new PipelineName("", name);
    }

    /** The rest without its extension (".mrc"), as RELION names the particle stack. */
    String restWithoutExtension() {
        int slash = rest.lastIndexOf('/');
        int dot = rest.lastIndexOf('.');
        return dot > slash ? rest.substring(0, dot) : rest;
    }
}
