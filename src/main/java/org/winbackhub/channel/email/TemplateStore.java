package org.winbackhub.channel.email;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Message templates under {@code config/templates}: NAME.html and NAME.txt for email. */
public final class TemplateStore {
  private final Path root;
  private final Map<String, Optional<String>> cache = new ConcurrentHashMap<>();

  public TemplateStore(Path root) {
    this.root = root;
  }

  /** The template text for {@code name} with {@code extension} ("html", "txt"), if present. */
  public Optional<String> find(String name, String extension) {
    return cache.computeIfAbsent(name + "." + extension, this::load);
  }

  public Path path(String name, String extension) {
    return root.resolve(name + "." + extension);
  }

  private Optional<String> load(String file) {
    Path path = root.resolve(file).normalize();
    if (!path.startsWith(root.normalize()) || !Files.isRegularFile(path)) {
      return Optional.empty();
    }
    try {
      return Optional.of(Files.readString(path, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read template " + path, e);
    }
  }
}
