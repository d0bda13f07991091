/**
 * MRC2014 maps, image stacks and RELION image references.
 * <ul>
 * <li>Read: modes 0 (int8, signed as MRC2014 says), 1 (int16), 2 (float32), 6 (uint16) and
 * 12 (float16), little- or big-endian. The byte order comes from the machine stamp (0x44 0x44 /
 * 0x44 0x41 little, 0x11 0x11 big); a missing or contradicted stamp is settled by which order gives
 * a plausible header, as lenient as mrcfile. Extended headers (nsymbt) are skipped and their
 * exttyp exposed. Maps stored with mapc/mapr/maps other than 1, 2, 3 are reordered to X, Y, Z
 * by {@link org.cryoj.io.mrc.MrcFile#read}; {@link org.cryoj.io.mrc.MrcStackReader} refuses them
 * with a clear error. Modes 3, 4 and 101 are refused.</li>
 * <li>Write: modes 2 and 12, little-endian, atomically; header with voxel size (cella / mxyz),
 * origin, dmin/dmax/dmean/rms (rms = standard deviation about the mean) of the stored values,
 * nversion 20140, ispg 1 for volumes and 0 (mz 1) for stacks and single images, label "CryoJ".
 * Mode 12 refuses values beyond the float16 range instead of storing infinity.</li>
 * <li>{@link org.cryoj.io.mrc.MrcValidator} lists MRC2014 problems the way mrcfile-validate does.</li>
 * </ul>
 */
package org.cryoj.io.mrc;
