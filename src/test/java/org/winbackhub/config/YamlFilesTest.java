package org.winbackhub.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.winbackhub.journey.Journey;
import org.winbackhub.model.Lifecycle;
import org.winbackhub.segment.InactivityPolicy;
import org.winbackhub.segment.Tier;

class YamlFilesTest {
  @TempDir Path dir;

  Path write(String name, String yaml) throws Exception {
    return Files.writeString(dir.resolve(name), yaml);
  }

  @Test
  void the_shipped_policy_and_journey_load() {
    InactivityPolicy policy = InactivityPolicy.load(Path.of("config/policies.yaml"));
    assertThat(policy.tiers()).containsKeys(Tier.LAPSED, Tier.DORMANT);
    Journey journey = Journey.load(Path.of("config/journeys/winback-email.yaml"));
    assertThat(journey.audience().lifecycle()).containsExactly(Lifecycle.LAPSED, Lifecycle.DORMANT);
    assertThat(journey.holdoutShare()).isEqualTo(0.10);
  }

  @Test
  void an_unknown_key_names_file_line_and_the_keys_expected() throws Exception {
    Path f =
        write("policies.yaml", "profile: retail\nactivity: [purchase]\ntierz:\n  lapsed: P3M\n");
    assertThatThrownBy(() -> InactivityPolicy.load(f))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("policies.yaml:3: unknown key 'tierz'")
        .hasMessageContaining(
            "expected one of: activity, behaviour, complaints, model, new_within, profile, rhythm,"
                + " sunset, tiers, value, zone");
  }

  @Test
  void a_bad_duration_names_the_key_and_the_iso_form() throws Exception {
    Path f = write("policies.yaml", "tiers:\n  lapsed: 3 months\n");
    assertThatThrownBy(() -> InactivityPolicy.load(f))
        .hasMessageContaining("policies.yaml:2")
        .hasMessageContaining("'tiers.lapsed'")
        .hasMessageContaining("ISO-8601");
  }

  @Test
  void a_holdout_over_half_is_refused() throws Exception {
    Path f =
        write(
            "j.yaml",
            """
            id: j
            audience: {lifecycle: [LAPSED]}
            holdout: 80%
            steps:
              - id: s1
                send: {channel: email, template: email/x, subject: Hi}
            """);
    assertThatThrownBy(() -> Journey.load(f))
        .hasMessageContaining("holdout: expected a percentage from 0% to 50%, got '80%'");
  }

  @Test
  void an_unknown_lifecycle_is_refused_with_the_file_name() throws Exception {
    Path f = write("j.yaml", "id: j\naudience: {lifecycle: [GONE]}\nsteps: []\n");
    assertThatThrownBy(() -> Journey.load(f))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("j.yaml:2");
  }

  @Test
  void a_misspelt_required_key_is_named_as_unknown_with_its_line_not_reported_as_missing()
      throws Exception {
    Path f =
        write(
            "j.yaml",
            """
            id: j
            audeince: {lifecycle: [LAPSED]}
            steps:
              - id: s1
                send: {channel: email, template: email/x, subject: Hi}
            """);
    assertThatThrownBy(() -> Journey.load(f))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(
            "j.yaml:2: unknown key 'audeince'; expected one of: audience, exit, holdout, id, name,"
                + " steps")
        .hasMessageNotContaining("missing");
  }

  @Test
  void a_misspelt_key_deep_in_a_list_is_named_with_its_path_and_line() throws Exception {
    Path f =
        write(
            "j.yaml",
            """
            id: j
            audience: {lifecycle: [LAPSED]}
            steps:
              - id: s1
                send:
                  channel: email
                  templat: email/x
                  subject: Hi
            """);
    assertThatThrownBy(() -> Journey.load(f))
        .hasMessageContaining(
            "j.yaml:7: unknown key 'steps[0].send.templat'; expected one of: channel, offer,"
                + " subject, template");
  }

  @Test
  void a_refused_value_points_at_its_own_line_not_the_end_of_its_block() throws Exception {
    Path top =
        write(
            "top.yaml",
            """
            id: j
            audience: {lifecycle: [LAPSED]}
            holdout: 80%
            steps:
              - id: s1
                send: {channel: email, template: email/x, subject: Hi}
            exit:
              after: P14D
            """);
    assertThatThrownBy(() -> Journey.load(top))
        .hasMessageContaining("top.yaml:3: holdout: expected a percentage");

    Path nested =
        write(
            "nested.yaml",
            """
            id: j
            audience: {lifecycle: [LAPSED]}
            steps:
              - id: s1
                send:
                  channel: email
                  template: Bad Name
                  subject: Hi
              - id: s2
                send: {channel: email, template: email/y, subject: Hi}
            """);
    assertThatThrownBy(() -> Journey.load(nested))
        .hasMessageContaining(
            "nested.yaml:7: 'steps[0].send': send.template: expected a template path")
        .hasMessageContaining("'Bad Name'");
  }
}
