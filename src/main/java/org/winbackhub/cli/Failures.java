package org.winbackhub.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.camel.FailedToCreateRouteException;
import org.apache.camel.NoSuchBeanException;
import org.apache.camel.PropertyBindingException;
import org.apache.camel.component.kamelet.FailedToCreateKameletException;
import org.winbackhub.config.ConfigException;

/**
 * A command's failure in one line: the file, key or source and the reason, for every mistake in the
 * configuration or the input the hub can name; anything else by its class and message, with the
 * advice to run again with --verbose for the stack trace.
 */
final class Failures {
  private static final Pattern MISSING_PROPERTY =
      Pattern.compile("Property with key \\[([^\\]]+)]");
  private static final Pattern NO_DRIVER =
      Pattern.compile("Failed to get driver instance for jdbcUrl=(\\S+)");

  private static final Pattern NO_BEAN = Pattern.compile("no DataSource bean named '([^']+)'");
  private static final String VALIDATE =
      " (validate --connect checks every name and file the routes give)";

  private Failures() {}

  /** A mapping file that is not there: said where a route names it. */
  private static String named(ConfigException c) {
    if (c.line() == 0 && c.getMessage().endsWith(": file not found")) {
      Path file = Path.of(c.file()).toAbsolutePath().normalize();
      Path home = Path.of("").toAbsolutePath();
      String rel = file.startsWith(home) ? home.relativize(file).toString() : c.file();
      String at = routePlace("mapping", rel);
      if (!at.isEmpty()) {
        return at + "mapping '" + rel + "': file not found" + VALIDATE;
      }
    }
    return c.getMessage();
  }

  /** "FILE:LINE: " of the first route under routes/ that gives {@code param} the {@code value}. */
  private static String routePlace(String param, String value) {
    try {
      for (Path f : Problems.files(Path.of("routes"), ".yaml")) {
        int line = Names.find(f, 1, param, value);
        if (line > 0) {
          return f + ":" + line + ": ";
        }
      }
    } catch (Exception e) {
      // no place then
    }
    return "";
  }

  /** What went wrong, in one line; {@code profile}: the command's --profile, or null. */
  static String oneLine(Throwable e, String profile) {
    return known(e, profile)
        .orElseGet(
            () -> {
              Throwable root = e;
              while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
              }
              return root.getClass().getSimpleName()
                  + ": "
                  + Problems.firstLine(String.valueOf(root.getMessage()))
                  + " (unexpected: --verbose prints the stack trace)";
            });
  }

  /** The words for a failure caused by the configuration or the input, if it is one. */
  static Optional<String> known(Throwable e, String profile) {
    Optional<String> kamelet = renamedKamelet(e);
    if (kamelet.isPresent()) {
      return kamelet;
    }
    Optional<Problems.Problem> yaml = YamlRouteErrors.of(e);
    if (yaml.isPresent()) {
      return Optional.of(yaml.get().toString());
    }
    PropertyLines properties = new PropertyLines(Path.of(""), profile);
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof ConfigException c) {
        return Optional.of(named(c));
      }
      if (t instanceof PropertyBindingException b && b.getOptionPrefix() != null) {
        String key = b.getOptionPrefix() + b.getPropertyName();
        PropertyLines.Place at = properties.of(key);
        String why =
            b.getCause() == null
                ? "no such property on "
                    + (b.getTarget() == null
                        ? "the bean"
                        : b.getTarget().getClass().getSimpleName())
                : Problems.firstLine(Problems.rootMessage(b));
        return Optional.of(place(at) + key + ": " + why);
      }
      if (t instanceof FailedToCreateRouteException r) {
        return Optional.of(route(r));
      }
      Matcher driver = NO_DRIVER.matcher(String.valueOf(t.getMessage()));
      if (driver.find()) {
        PropertyLines.Place at = properties.withValue(driver.group(1));
        return Optional.of(place(at) + DataSourceProbe.noDriver(driver.group(1)));
      }
    }
    if (e instanceof IllegalStateException || e instanceof IllegalArgumentException) {
      String message =
          Problems.firstLine(String.valueOf(e.getMessage())).replaceAll("\\(conn=\\d+\\)\\s*", "");
      Matcher bean = NO_BEAN.matcher(message);
      return Optional.of(
          bean.find() ? routePlace("dataSource", bean.group(1)) + message + VALIDATE : message);
    }
    return Optional.empty();
  }

  /** A route Camel could not create: its file and line where the reason names a key or a bean. */
  private static String route(FailedToCreateRouteException r) {
    String reason = Problems.firstLine(Problems.rootMessage(r));
    String file = sourceFile(r);
    String token = null;
    Matcher missing = MISSING_PROPERTY.matcher(reason);
    for (Throwable t = r; t != null; t = t.getCause()) {
      if (t instanceof NoSuchBeanException bean && bean.getName() != null) {
        token = bean.getName();
        reason = "bean '" + token + "' does not exist";
      }
    }
    if (missing.find()) {
      token = "{{" + missing.group(1);
      reason = RouteChecks.missingProperty(missing.group(1));
    }
    int line = file == null || token == null ? 0 : lineOf(Path.of(file), token);
    return (file == null ? "" : file + (line > 0 ? ":" + line : "") + ": ")
        + "route "
        + r.getRouteId()
        + ": "
        + reason;
  }

  /** The route's file: its own source, or the Kamelet's file for a route made from a Kamelet. */
  private static String sourceFile(FailedToCreateRouteException r) {
    for (Throwable t = r; t != null; t = t.getCause()) {
      Matcher source = Pattern.compile("\\(source: file:([^):]+)").matcher(t.getMessage());
      if (source.find()) {
        return source.group(1);
      }
    }
    String id = r.getRouteId() == null ? "" : r.getRouteId().replaceFirst("-\\d+$", "");
    Path kamelet = Path.of("routes/kamelets", id + ".kamelet.yaml");
    return Files.isRegularFile(kamelet) ? kamelet.toString() : null;
  }

  private static int lineOf(Path file, String token) {
    try {
      List<String> lines = Files.readAllLines(file);
      for (int i = 0; i < lines.size(); i++) {
        if (lines.get(i).contains(token)) {
          return i + 1;
        }
      }
    } catch (Exception e) {
      // no line then
    }
    return 0;
  }

  private static String place(PropertyLines.Place at) {
    return at.line() > 0 ? at.file() + ":" + at.line() + ": " : "";
  }

  /** A route naming a Kamelet by its old name is told the new one, not "Resource not found". */
  private static Optional<String> renamedKamelet(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      String failed = String.valueOf(t.getMessage());
      String prefix = "Failure creating route from template: ";
      String kamelet = failed.startsWith(prefix) ? failed.substring(prefix.length()).trim() : "";
      if (t instanceof FailedToCreateKameletException k && k.getTemplateId() != null) {
        kamelet = k.getTemplateId();
      }
      Optional<String> renamed = RouteChecks.renamedKamelet(kamelet);
      if (renamed.isPresent()) {
        return Optional.of(
            "a route uses the Kamelet '"
                + kamelet
                + "', renamed to '"
                + renamed.get()
                + "': change its uri (validate names the file and line)");
      }
    }
    return Optional.empty();
  }
}
