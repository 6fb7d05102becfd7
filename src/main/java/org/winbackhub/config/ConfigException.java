package org.winbackhub.config;

/**
 * A configuration file is wrong. The message names the file, the line where known, the key and what
 * was expected, so the person editing it can fix it without reading code.
 */
public class ConfigException extends RuntimeException {
  private final String file;
  private final int line;

  public ConfigException(String file, int line, String message) {
    super(file + (line > 0 ? ":" + line : "") + ": " + message);
    this.file = file;
    this.line = line;
  }

  public String file() {
    return file;
  }

  public int line() {
    return line;
  }
}
