package org.cryoj.spark;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.spark.launcher.JavaModuleOptions;
import org.junit.jupiter.api.Test;

/** The launcher and the test JVMs give a Spark driver Spark's own JDK 17 options (copied there, so they must not drift). */
class SparkJvmOptionsTest {
    @Test
    void launcherAndPomCarrySparksModuleOptions() throws Exception {
        String options = JavaModuleOptions.defaultModuleOptions();
        assertTrue(Files.readString(Path.of("cryoj")).contains("spark_module_options=\"" + options + "\""), "./cryoj's spark_module_options");
        assertTrue(Files.readString(Path.of("pom.xml")).contains("<spark.module.options>" + options + "</spark.module.options>"), "pom.xml");
    }
}
