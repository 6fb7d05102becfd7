package org.winbackhub.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrackingSecretTest {
  @TempDir Path data;

  @Test
  void the_embedded_secret_is_made_once_owner_only_and_kept() throws Exception {
    String first = TrackingSecret.resolve("", data);
    Path file = data.resolve("tracking.secret");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
    assertThat(first).hasSize(64);
    assertThat(TrackingSecret.resolve(null, data)).isEqualTo(first);
    try (var files = Files.list(data)) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactly("tracking.secret");
    }
  }

  @Test
  void a_configured_secret_is_used_and_no_file_written() {
    assertThat(TrackingSecret.resolve("configured-secret-of-32-characters!!", data))
        .isEqualTo("configured-secret-of-32-characters!!");
    assertThat(data.resolve("tracking.secret")).doesNotExist();
  }
}
