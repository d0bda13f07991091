package org.cryoj.geometry;

/**
 * RELION's point-group families (pg_CN ... pg_I4H in src/symmetries.h). {@code I} is I2 and
 * {@code Ih} is I2h, as in RELION; I5 and I5h are named by RELION but not implemented there.
 */
enum PointGroup {
    CN, CI, CS, CNV, CNH, SN, DN, DNV, DNH, T, TD, TH, O, OH, I1, I2, I3, I4, I1H, I2H, I3H, I4H
}
