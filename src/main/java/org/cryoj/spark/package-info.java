/**
 * Refinement's E-step and reconstruct's backprojection on an Apache Spark cluster: the driver
 * (this JVM) plans an iteration ({@link org.cryoj.refine.ExpectationPlan}) and broadcasts it; each
 * partition runs the same single-machine code on its slot of particles, reading the stacks by
 * absolute path from a file system every executor sees; the slots' sums come back through one
 * tree aggregation whose merge is the core's fixed tree ({@link org.cryoj.parallel.SlotTree}), so
 * S partitions give the local run with --j S bit for bit. The M-step and all files stay on the
 * driver. Spark is a provided dependency: these classes load only when a master is given, and are
 * not in the Fiji jar.
 */
package org.cryoj.spark;
