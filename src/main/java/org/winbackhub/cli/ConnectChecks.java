package org.winbackhub.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.sql.DataSource;
import org.apache.camel.CamelContext;
import org.apache.camel.model.BeanDefinition;
import org.apache.camel.model.ModelCamelContext;
import org.apache.camel.model.ProcessorDefinition;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.model.RouteTemplateDefinition;
import org.apache.camel.util.URISupport;
import org.winbackhub.intake.SourceMapping;

/**
 * What validate --connect adds: every bean a Kamelet's steps name and every DataSource a source
 * route names is bound, every mapping file a route names exists, every DataSource opens, and every
 * query of a SQL source's mapping runs (returning no rows) with the columns its mapping names.
 */
final class ConnectChecks {
  private final CamelContext camel;
  private final Problems problems;
  private final PropertyLines properties;

  /** A SQL source route: its mapping and the name of its DataSource bean. */
  private record SqlSource(Path mappingFile, SourceMapping mapping, String dataSource) {}

  private final List<SqlSource> sqlSources = new ArrayList<>();

  ConnectChecks(CamelContext camel, Problems problems, PropertyLines properties) {
    this.camel = camel;
    this.problems = problems;
    this.properties = properties;
  }

  /** The Kamelet files, loaded as templates: every bean their steps name by a fixed name. */
  void kamelets(List<Path> files) {
    ModelCamelContext model = (ModelCamelContext) camel;
    for (Path file : files) {
      int existing = model.getRouteTemplateDefinitions().size();
      if (!YamlRouteErrors.load(camel, file, problems)) {
        continue;
      }
      List<RouteTemplateDefinition> added =
          model
              .getRouteTemplateDefinitions()
              .subList(existing, model.getRouteTemplateDefinitions().size());
      for (RouteTemplateDefinition t : added) {
        beans(file, t.getRoute().getOutputs());
      }
    }
  }

  private void beans(Path file, List<ProcessorDefinition<?>> outputs) {
    for (ProcessorDefinition<?> p : outputs) {
      if (p instanceof BeanDefinition bean
          && bean.getRef() != null
          && !bean.getRef().contains("{{")
          && camel.getRegistry().lookupByName(bean.getRef()) == null) {
        problems.add(
            file,
            Names.line(file, p.getLineNumber(), "ref", bean.getRef()),
            "bean '" + bean.getRef() + "' does not exist (bind it, or fix the name)");
      }
      beans(file, p.getOutputs());
    }
  }

  /** The source routes: the DataSource bean and the mapping file each names. */
  void sourceRoutes() {
    for (RouteDefinition route : ((ModelCamelContext) camel).getRouteDefinitions()) {
      String uri = route.getInput().getEndpointUri();
      if (uri == null || !uri.startsWith("kamelet:winback-")) {
        continue;
      }
      Map<String, Object> p;
      try {
        p = URISupport.parseQuery(camel.resolvePropertyPlaceholders(URISupport.extractQuery(uri)));
      } catch (Exception e) {
        continue; // said by the offline checks
      }
      Path file = Path.of(RouteChecks.stripScheme(route.getLocation()));
      SourceMapping mapping = null;
      Path mappingFile = null;
      if (p.get("mapping") != null) {
        String m = String.valueOf(p.get("mapping"));
        mappingFile = problems.home().resolve(m).normalize();
        mapping = mapping(file, route.getLineNumber(), m, mappingFile);
      }
      if (p.get("dataSource") != null) {
        String name = String.valueOf(p.get("dataSource")).replaceFirst("^#(bean:)?", "");
        if (camel.getRegistry().lookupByNameAndType(name, DataSource.class) == null) {
          Map<String, DataSource> all = camel.getRegistry().findByTypeWithName(DataSource.class);
          List<String> named =
              all.keySet().stream().filter(n -> !n.equals("hubDataSource")).sorted().toList();
          problems.add(
              file,
              Names.line(file, route.getLineNumber(), "dataSource", name),
              "dataSource '"
                  + name
                  + "': no DataSource bean of that name; "
                  + Names.closest(name, named)
                  + "(DataSource beans: "
                  + (named.isEmpty() ? "none" : String.join(", ", named))
                  + "). Fix the name, or declare camel.beans."
                  + name
                  + " in config/application.properties");
        } else if (mapping != null) {
          sqlSources.add(new SqlSource(mappingFile, mapping, name));
        }
      }
    }
  }

  private SourceMapping mapping(Path route, int routeLine, String value, Path file) {
    if (!Files.isRegularFile(file)) {
      List<String> known = new ArrayList<>();
      try {
        for (Path f : Problems.files(problems.home().resolve("config/mappings"), ".yaml")) {
          known.add(problems.rel(f));
        }
      } catch (IOException e) {
        // none to offer
      }
      problems.add(
          route,
          Names.line(route, routeLine, "mapping", value),
          "mapping '"
              + value
              + "': no such file; "
              + Names.closest(value, known)
              + "(mappings: "
              + (known.isEmpty() ? "none" : String.join(", ", known))
              + ")"
              + ". The path is relative to the hub's folder");
      return null;
    }
    SourceMapping[] loaded = new SourceMapping[1];
    problems.check(() -> loaded[0] = SourceMapping.load(file));
    return loaded[0];
  }

  /** What to change when a DataSource would not open (a missing driver says it itself). */
  private static String fix(boolean store, String key, DataSourceProbe.Result r) {
    if (r.failure().startsWith("no JDBC driver")) {
      return "";
    }
    return store
        ? "; check hub.store.url, hub.store.user and hub.store.password"
        : "; check the host, port and database name in "
            + key
            + ".jdbcUrl, and its username and password";
  }

  /** Opens every DataSource in the registry, then runs each SQL source's queries on its own. */
  void dataSources(String storeUrl) {
    Map<String, DataSource> all = new TreeMap<>(Comparator.naturalOrder());
    all.putAll(camel.getRegistry().findByTypeWithName(DataSource.class));
    Map<String, DataSourceProbe> open = new TreeMap<>();
    try {
      for (var ds : all.entrySet()) {
        boolean store = ds.getKey().equals("hubDataSource");
        if (store && storeUrl.startsWith("jdbc:h2:") && !storeUrl.matches("jdbc:h2:(tcp|ssl):.*")) {
          continue; // the embedded store: made by the hub at its first start, nothing to reach
        }
        String key = store ? "hub.store.url" : "camel.beans." + ds.getKey();
        PropertyLines.Place at =
            store ? properties.of(key) : properties.ofAny(key + ".jdbcUrl", key + ".url", key);
        DataSourceProbe.Result r = DataSourceProbe.open(ds.getKey(), ds.getValue());
        if (r.probe().isPresent()) {
          open.put(ds.getKey(), r.probe().get());
        } else {
          problems.add(at.file(), at.line(), key + ": " + r.failure() + fix(store, key, r));
        }
      }
      SourceQueryChecks queries = new SourceQueryChecks(problems);
      for (SqlSource s : sqlSources) {
        if (open.containsKey(s.dataSource())) {
          queries.check(
              s.mappingFile(), s.mapping(), s.dataSource(), open.get(s.dataSource()).dataSource());
        }
      }
    } finally {
      open.values().forEach(DataSourceProbe::close);
    }
  }
}
