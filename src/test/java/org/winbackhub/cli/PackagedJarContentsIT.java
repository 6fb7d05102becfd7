package org.winbackhub.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.Test;

/** What target/winback-hub.jar ships: the product, not its benchmarks. */
class PackagedJarContentsIT {

  @Test
  void the_jar_holds_the_commands_and_no_benchmark() throws Exception {
    Path jar = Path.of(System.getProperty("hub.jar", "target/winback-hub.jar"));
    assertThat(jar).as("run mvn verify: the packaged jar").isRegularFile();
    try (JarFile file = new JarFile(jar.toFile())) {
      List<String> entries = file.stream().map(ZipEntry::getName).toList();
      assertThat(entries).contains("org/winbackhub/cli/HubCommand.class", "org/winbackhub/demo/");
      // benchmarks (TRUNCATE, VACUUM on a database of their own) are built only by bench/run
      assertThat(entries).noneMatch(name -> name.startsWith("org/winbackhub/bench"));
      // GreenMail is on the jar's class path for the demo command's in-process mail server
      assertThat(file.getManifest().getMainAttributes().getValue("Class-Path"))
          .contains("lib/greenmail-");
    }
  }
}
