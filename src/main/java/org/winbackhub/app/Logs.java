package org.winbackhub.app;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.slf4j.LoggerFactory;

/** Turns loggers down for commands whose output is meant to be read (demo, validate, sync). */
public final class Logs {
  private Logs() {}

  public static void quiet(String... loggers) {
    for (String name : loggers) {
      ((Logger) LoggerFactory.getLogger(name)).setLevel(Level.WARN);
    }
  }

  /** Silences loggers whose lines a command says better itself (a driver's failed connection). */
  public static void off(String... loggers) {
    for (String name : loggers) {
      ((Logger) LoggerFactory.getLogger(name)).setLevel(Level.OFF);
    }
  }
}
