package org.winbackhub.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** Runs the packaged jar as a user does: java -jar target/winback-hub.jar COMMAND. */
public final class PackagedJar {
  public record Run(int exitCode, String output) {}

  private PackagedJar() {}

  /** Copies the shipped config/ and routes/ into {@code hub}, a hub folder of the test's own. */
  public static void copyHubFolder(Path hub) throws IOException {
    for (String dir : List.of("config", "routes")) {
      try (Stream<Path> walk = Files.walk(Path.of(dir))) {
        for (Path p : walk.toList()) {
          Path to = hub.resolve(p.toString());
          if (Files.isDirectory(p)) {
            Files.createDirectories(to);
          } else {
            Files.copy(p, to);
          }
        }
      }
    }
  }

  public static Run run(Path workDir, int timeoutSeconds, String... args)
      throws IOException, InterruptedException {
    return run(workDir, Map.of(), timeoutSeconds, args);
  }

  /** As above, with extra environment variables (secrets reach the hub that way). */
  public static Run run(Path workDir, Map<String, String> env, int timeoutSeconds, String... args)
      throws IOException, InterruptedException {
    Path log = Files.createTempFile("hub-run-", ".log");
    Process p = start(workDir, env, log, args);
    if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError(
          "java -jar "
              + String.join(" ", args)
              + " did not finish in "
              + timeoutSeconds
              + " s:\n"
              + Files.readString(log));
    }
    return new Run(p.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
  }

  /**
   * Starts java -jar target/winback-hub.jar ARGS in {@code workDir}, its output (both streams) to
   * {@code log}.
   */
  public static Process start(Path workDir, Map<String, String> env, Path log, String... args)
      throws IOException {
    Path jar = Path.of(System.getProperty("hub.jar", "target/winback-hub.jar")).toAbsolutePath();
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException("no packaged jar at " + jar + ": run mvn verify");
    }
    List<String> command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar",
                jar.toString()));
    command.addAll(List.of(args));
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(workDir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    builder.environment().putAll(env);
    return builder.start();
  }
}
