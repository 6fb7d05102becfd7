package org.winbackhub.ops;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.slf4j.LoggerFactory;

/** Turns loggers down for commands whose output is meant to be read (demo, validate). */
final class Logs {
  private Logs() {}

  static void quiet(String... loggers) {
    for (String name : loggers) {
      ((Logger) LoggerFactory.getLogger(name)).setLevel(Level.WARN);
    }
  }
}
