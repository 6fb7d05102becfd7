package org.winbackhub.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The key that signs tracked links. Production sets HUB_TRACKING_SECRET; the embedded default makes
 * a random one once and keeps it in the data folder, readable by its owner only.
 */
final class TrackingSecret {
  private TrackingSecret() {}

  private static Path ownerOnlyTempFile(Path dir) throws IOException {
    try {
      return Files.createTempFile(
          dir,
          "tracking.secret",
          ".tmp",
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    } catch (UnsupportedOperationException notPosix) {
      return Files.createTempFile(dir, "tracking.secret", ".tmp");
    }
  }

  static String resolve(String configured, Path dataDir) {
    if (configured != null && !configured.isBlank()) {
      return configured;
    }
    Path file = dataDir.resolve("tracking.secret");
    try {
      if (Files.isRegularFile(file)) {
        return Files.readString(file, StandardCharsets.US_ASCII).trim();
      }
      Files.createDirectories(dataDir);
      byte[] bytes = new byte[32];
      new SecureRandom().nextBytes(bytes);
      String secret = HexFormat.of().formatHex(bytes);
      // written whole into a file that is owner-only from its creation, then moved into place:
      // never readable by others, never seen half-written
      Path tmp = ownerOnlyTempFile(dataDir);
      try {
        Files.writeString(tmp, secret, StandardCharsets.US_ASCII);
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
      } finally {
        Files.deleteIfExists(tmp);
      }
      return Files.readString(file, StandardCharsets.US_ASCII).trim();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot keep the tracking secret in " + file, e);
    }
  }
}
