package org.cryoj.parity;

/**
 * What a case runs on, made by the harness itself (see {@link Inputs}): small enough that each
 * tool takes about a second.
 */
public sealed interface CaseInput {

    /** One-line description for the table. */
    String describe();

    /** The contents of a map or image. */
    enum Content {
        /** the project's D2 phantom (cubes only) */
        PHANTOM,
        /** Gaussian white noise: power up to Nyquist, where windowing conventions show */
        NOISE,
        /** an off-centre Gaussian blob on weak noise (for --shift_com, --com) */
        BLOB,
        /** noise with NaN and infinite voxels (for --remove_nan) */
        NAN,
    }

    /**
     * A map (nz > 1) or image (nz = 1) written as {@code in.mrc}, with {@code op.mrc} (same size:
     * noise plus part of the input, a few exact zeros) and {@code mask.mrc} (a soft sphere) beside
     * it for the options that take a second image, and {@code other.mrc} (2 voxels larger per side)
     * for the invalid sets. {@code headerAngpix} 0 writes no pixel size.
     */
    record MapInput(Content content, int nx, int ny, int nz, double headerAngpix, long seed) implements CaseInput {
        public boolean is3d() { return nz > 1; }

        public boolean isSquare() { return nx == ny; }

        @Override
        public String describe() {
            return content.name().toLowerCase() + " " + nx + "x" + ny + (nz > 1 ? "x" + nz : "") + " @" + headerAngpix;
        }
    }

    /**
     * Particle images of the D2 phantom (box {@code box}, {@code angpix} Å/px) at random angles and
     * origins, CTF-modulated, with white noise: {@code particles.star} and {@code particles.mrcs}.
     */
    record ParticleInput(int box, double angpix, int count, double noiseSigma, long seed) implements CaseInput {
        @Override
        public String describe() {
            return count + " particles " + box + "px @" + angpix;
        }
    }

    /**
     * A small RELION project for re-extraction (see {@link MicrographProject}): {@code mics}
     * micrographs of {@code width x height} pixels at {@code micAngpix}, {@code perMic} dark blobs
     * each (some near the edges), a micrographs STAR file with CTF columns and a refined-particles
     * STAR file at {@code partAngpix} whose coordinates are off by their rlnOriginX/YAngst.
     */
    record MicrographInput(int mics, int width, int height, double micAngpix, double partAngpix, int perMic, long seed)
            implements CaseInput {
        @Override
        public String describe() {
            return mics + " mics " + width + "x" + height + " @" + micAngpix + ", " + mics * perMic + " particles @" + partAngpix;
        }
    }
}
