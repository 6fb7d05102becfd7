package org.winbackhub.offer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.winbackhub.config.ConfigException;

/** config/offers.yaml: the shipped pools read, and a mistake is told with its line. */
class OfferPoolsTest {
  @TempDir Path dir;

  @Test
  void the_shipped_pools_include_the_ones_the_journeys_name() {
    OfferPools pools = OfferPools.load(Path.of("config/offers.yaml"));
    assertThat(pools.pools()).containsKeys("winback-10", "winback-15", "winback-20", "winback-25");
    assertThat(pools.find("winback-10").orElseThrow().generate().prefix()).isEqualTo("WB10-");
    OfferPools.Pool file = pools.find("free-shipping").orElseThrow();
    assertThat(pools.codesFile(file)).isEqualTo(Path.of("config/offers/free-shipping.csv"));
    assertThat(Files.isRegularFile(pools.codesFile(file))).isTrue();
  }

  @Test
  void no_file_means_no_pools() {
    assertThat(OfferPools.load(dir.resolve("offers.yaml")).pools()).isEmpty();
  }

  @Test
  void a_pool_with_both_a_file_and_generated_codes_is_refused_on_its_line() throws Exception {
    Path yaml = dir.resolve("offers.yaml");
    Files.writeString(
        yaml,
        """
        pools:
          winback-10:
            text: "10 %"
            generate: {prefix: "WB10-"}
          spring:
            text: "Envío gratis"
            file: spring.txt
            generate: {prefix: "SP-"}
        """);
    assertThatThrownBy(() -> OfferPools.load(yaml))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(yaml + ":7: ")
        .hasMessageContaining("give either file (codes the shop issued) or generate");
  }

  @Test
  void a_prefix_in_lower_case_and_an_unknown_key_are_refused() throws Exception {
    Path yaml = dir.resolve("offers.yaml");
    Files.writeString(
        yaml, "pools:\n  winback-10:\n    text: \"10 %\"\n    generate: {prefix: \"wb-\"}\n");
    assertThatThrownBy(() -> OfferPools.load(yaml))
        .hasMessageContaining("prefix: upper-case letters, digits and dashes");
    Files.writeString(
        yaml, "pools:\n  winback-10:\n    txt: \"10 %\"\n    generate: {prefix: \"WB-\"}\n");
    assertThatThrownBy(() -> OfferPools.load(yaml))
        .hasMessageContaining(yaml + ":3: unknown key 'pools.winback-10.txt'");
  }
}
