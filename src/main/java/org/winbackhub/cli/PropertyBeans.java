package org.winbackhub.cli;

import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.camel.CamelContext;
import org.apache.camel.PropertyBindingException;
import org.apache.camel.main.MainHelper;
import org.apache.camel.support.PropertyBindingSupport;
import org.apache.camel.util.OrderedLocationProperties;
import org.apache.camel.util.StringHelper;

/**
 * The beans declared in properties ({@code camel.beans.NAME = #class:...} and {@code
 * camel.beans.NAME.PROPERTY = value}), made and bound as Camel Main does at start, so that validate
 * --connect finds the DataSources the routes name. A bean that cannot be made, or a property it
 * does not have, is a problem on the line that declares it.
 */
final class PropertyBeans {
  private static final String PREFIX = "camel.beans.";
  private static final Pattern MISSING_ENV = Pattern.compile("Property with key \\[env:([^\\]]+)]");

  private PropertyBeans() {}

  static void bind(CamelContext camel, Problems problems, PropertyLines where) {
    Properties all = camel.getPropertiesComponent().loadProperties(k -> k.startsWith(PREFIX));
    Map<String, String> beans = new TreeMap<>();
    Map<String, OrderedLocationProperties> settings = new TreeMap<>();
    for (String key : all.stringPropertyNames()) {
      String option = StringHelper.dashToCamelCase(key.substring(PREFIX.length()));
      int dot = option.indexOf('.');
      if (option.contains("[")) {
        continue; // map and list beans: Camel Main makes them, nothing to connect to
      }
      if (dot < 0) {
        beans.put(option, all.getProperty(key));
      } else {
        settings
            .computeIfAbsent(option.substring(0, dot), n -> new OrderedLocationProperties())
            .put("", option.substring(dot + 1), all.getProperty(key));
      }
    }
    for (var bean : beans.entrySet()) {
      try {
        Object made = PropertyBindingSupport.resolveBean(camel, bean.getValue());
        if (made == null) {
          throw new IllegalArgumentException("cannot make a bean of '" + bean.getValue() + "'");
        }
        camel.getRegistry().bind(bean.getKey(), made);
      } catch (Exception e) {
        problem(problems, where, PREFIX + bean.getKey(), e);
        settings.remove(bean.getKey());
      }
    }
    for (var s : settings.entrySet()) {
      Object bean = camel.getRegistry().lookupByName(s.getKey());
      if (bean == null) {
        if (!beans.containsKey(s.getKey())) {
          PropertyLines.Place at =
              where.of(PREFIX + s.getKey() + "." + s.getValue().keySet().iterator().next());
          problems.add(
              at.file(),
              at.line(),
              PREFIX
                  + s.getKey()
                  + ".* is set, but nothing makes the bean: add "
                  + PREFIX
                  + s.getKey()
                  + " = #class:com.zaxxer.hikari.HikariDataSource (or the bean's class)");
        }
        continue;
      }
      try {
        MainHelper.setPropertiesOnTarget(
            camel,
            bean,
            s.getValue(),
            PREFIX + s.getKey() + ".",
            true,
            true,
            new OrderedLocationProperties());
      } catch (PropertyBindingException e) {
        String key = PREFIX + s.getKey() + "." + e.getPropertyName();
        String why =
            e.getCause() == null
                ? bean.getClass().getSimpleName() + " has no property '" + e.getPropertyName() + "'"
                : reason(e);
        PropertyLines.Place at = where.of(key);
        problems.add(at.file(), at.line(), key + ": " + why);
      } catch (Exception e) {
        problem(problems, where, PREFIX + s.getKey(), e);
      }
    }
  }

  private static void problem(Problems problems, PropertyLines where, String key, Exception e) {
    PropertyLines.Place at = where.of(key);
    problems.add(at.file(), at.line(), key + ": " + reason(e));
  }

  /** An unset environment variable in words; otherwise the innermost message. */
  private static String reason(Throwable e) {
    String root = Problems.firstLine(Problems.rootMessage(e));
    Matcher env = MISSING_ENV.matcher(root);
    return env.find() ? "the environment variable " + env.group(1) + " is not set" : root;
  }
}
