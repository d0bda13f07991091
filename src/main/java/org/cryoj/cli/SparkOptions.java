package org.cryoj.cli;

import java.util.LinkedHashMap;
import java.util.Map;

import picocli.CommandLine.Option;

/**
 * refine's and reconstruct's options for an Apache Spark cluster (a picocli mixin). Spark itself
 * is not on CryoJ's own class path: the classes that use it (org.cryoj.spark) load only when
 * --spark is given.
 */
public final class SparkOptions {
    @Option(names = "--spark", paramLabel = "MASTER",
            description = "Run the E-step (refine) or the backprojection (reconstruct) on the Apache Spark 3.5 cluster at this master URL "
                    + "(spark://host:7077, local[N], yarn, k8s://...); the M-step and every file stay here; stacks are read by absolute path, "
                    + "so the executors must see the same file system")
    String master;

    @Option(names = "--spark_partitions", paramLabel = "N", defaultValue = "16",
            description = "Spark partitions per half-set (refine) or in all (reconstruct); the result equals a local run with --j N "
                    + "bit for bit (default: ${DEFAULT-VALUE})")
    int partitions;

    @Option(names = "--spark_conf", paramLabel = "KEY=VALUE",
            description = "A Spark setting for the run (spark.executor.memory=4g, spark.executor.cores=4, ...); repeatable")
    Map<String, String> conf = new LinkedHashMap<>();

    boolean enabled() { return master != null; }

    /** Spark's classes must be on the class path (./cryoj puts them there when --spark is given). */
    void requireSpark() {
        if (partitions < 1) throw new IllegalArgumentException("--spark_partitions must be at least 1, was " + partitions);
        try {
            Class.forName("org.apache.spark.SparkContext", false, SparkOptions.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            throw new IllegalArgumentException("--spark needs Apache Spark 3.5 (Scala 2.12) on the class path: ./cryoj adds $SPARK_HOME/jars, "
                    + "or target/spark-jars (made by mvn package)");
        }
    }
}
