package org.winbackhub.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A YAML mistake is told on the line the person has to change, although the parser often marks the
 * line after it.
 */
class YamlSyntaxTest {
  @TempDir Path dir;

  static final String ROUTE =
      """
      - route:
          id: source-legacy-crm
          from:
            uri: "kamelet:winback-crm-jdbc-source"
            parameters:
              sourceId: legacy-crm
              dataSource: legacyCrm
              mapping: config/mappings/legacy-crm.yaml
            steps:
              - log: "${body.line}"
      """;

  /** The parser's own message for {@code yaml}, located by YamlSyntax. */
  static YamlSyntax.Mistake mistake(String yaml) {
    Exception e =
        catchThrowableOfType(
            Exception.class, () -> new ObjectMapper(new YAMLFactory()).readTree(yaml));
    assertThat(e).as("the parser refuses it").isNotNull();
    Throwable parser = e;
    while (!YamlSyntax.isParserMessage(parser.getMessage())) {
      parser = parser.getCause();
    }
    return YamlSyntax.locate(parser.getMessage(), List.of(yaml.split("\n", -1)));
  }

  static String broken(String from, String to) {
    assertThat(ROUTE).contains(from);
    return ROUTE.replace(from, to);
  }

  @Test
  void a_key_left_shallow_under_the_key_that_opens_its_block_is_told_on_its_own_line() {
    // the parser gives up on line 7, the first line that keeps the right indentation
    YamlSyntax.Mistake m = mistake(broken("        sourceId", "      sourceId"));
    assertThat(m.line()).isEqualTo(6);
    assertThat(m.reason())
        .isEqualTo(
            "not valid YAML: 'sourceId:' starts at column 7, the lines of its block at column 9:"
                + " indent it like them");
  }

  @Test
  void a_key_left_shallow_inside_its_block_is_told_on_its_own_line() {
    YamlSyntax.Mistake m = mistake(broken("        dataSource", "      dataSource"));
    assertThat(m.line()).isEqualTo(7);
    assertThat(m.reason()).startsWith("not valid YAML: 'dataSource:' starts at column 7");
  }

  @Test
  void a_key_left_shallow_whose_block_follows_is_told_on_its_own_line() {
    // the parser marks 'parameters:', deeper than a key that has a value
    YamlSyntax.Mistake m = mistake(broken("      uri:", "    uri:"));
    assertThat(m.line()).isEqualTo(4);
    assertThat(m.reason())
        .isEqualTo(
            "not valid YAML: 'uri:' starts at column 5, the lines of its block at column 7:"
                + " indent it like them");
  }

  @Test
  void a_key_indented_too_far_is_told_on_its_own_line() {
    YamlSyntax.Mistake m = mistake(broken("        dataSource", "          dataSource"));
    assertThat(m.line()).isEqualTo(7);
    assertThat(m.reason())
        .isEqualTo(
            "not valid YAML: 'dataSource:' starts at column 11, deeper than 'sourceId:' above it"
                + " (column 9), which has a value already: indent it like that line");
  }

  @Test
  void a_key_between_two_levels_names_both() {
    YamlSyntax.Mistake m = mistake(broken("        dataSource", "       dataSource"));
    assertThat(m.line()).isEqualTo(7);
    assertThat(m.reason())
        .isEqualTo(
            "not valid YAML: 'dataSource:' starts at column 8, in line with no key above it"
                + " ('parameters:' at column 7, 'sourceId:' at column 9): the keys of one block"
                + " start in the same column");
  }

  @Test
  void a_key_without_its_colon_is_told_on_its_own_line_not_the_next() {
    YamlSyntax.Mistake m = mistake(broken("dataSource: legacyCrm", "dataSource legacyCrm"));
    assertThat(m.line()).isEqualTo(7);
    assertThat(m.reason()).contains("'dataSource legacyCrm' is neither a key (no ':' after it)");
  }

  @Test
  void a_mapping_file_says_it_through_yaml_files_with_its_line() throws Exception {
    Path file = dir.resolve("legacy.yaml");
    Files.writeString(file, "contacts:\n  query: >\n    SELECT 1\n   key: id\n  changed: at\n");
    ConfigException e =
        catchThrowableOfType(
            ConfigException.class, () -> YamlFiles.read(file, java.util.Map.class));
    assertThat(e.line()).isEqualTo(4);
    assertThat(e.getMessage()).contains(":4: not valid YAML: 'key:' starts at column 4");
  }
}
