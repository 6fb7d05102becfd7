package org.winbackhub.journey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.winbackhub.config.ConfigException;
import org.winbackhub.model.Channel;

/** A journey file as an integration team writes it, and each mistake told on its own line. */
class JourneyFileTest {
  @TempDir Path dir;

  Path write(String name, String yaml) throws Exception {
    return Files.writeString(dir.resolve(name), yaml);
  }

  static final String SMS =
      """
      id: sms
      audience: {lifecycle: [AT_RISK], consent: sms}
      holdout: 10%
      reentry: P1Y
      window: sms
      steps:
        - id: survey
          after_entry: P0D
          send: {channel: sms, template: sms/survey}
        - id: contest
          after_entry: P30D
          if: {not_clicked: [survey]}
          send: {channel: sms, template: sms/contest}
        - id: coupon
          after_entry: P60D
          if: {not_clicked: [survey, contest]}
          send: {channel: sms, template: sms/coupon, offer: winback-15}
          variants:
            - {id: a, share: 50}
            - {id: b, share: 50, template: sms/coupon-b}
      exit: {after: P14D, nurture: nurture, done: sms_unsubscribe}
      """;

  @Test
  void every_key_of_a_journey_reads() throws Exception {
    Journey j = Journey.load(write("sms.yaml", SMS));
    assertThat(j.reentry().toString()).isEqualTo("P1Y");
    assertThat(j.steps())
        .extracting(Journey.Step::id)
        .containsExactly("survey", "contest", "coupon");
    Journey.Step coupon = j.steps().get(2);
    assertThat(coupon.when().notClicked()).containsExactly("survey", "contest");
    assertThat(coupon.afterEntry().toString()).isEqualTo("P60D");
    assertThat(coupon.variants()).extracting(Variant::share).containsExactly(50, 50);
    assertThat(coupon.send().offer()).isEqualTo("winback-15");
    assertThat(j.window(coupon).toString()).isEqualTo("08:00-21:00");
    assertThat(j.exit().click()).isEqualTo(Exit.ClickExit.NURTURE);
    assertThat(j.exit().done()).isEqualTo(Exit.EndAction.SMS_UNSUBSCRIBE);
    assertThat(j.channel()).isEqualTo(Channel.SMS);
  }

  @Test
  void an_sms_step_keeps_quiet_hours_unless_told_otherwise_and_email_goes_at_any_hour() {
    Journey j =
        new Journey(
            "j",
            null,
            null,
            "0%",
            List.of(
                new Journey.Step("a", null, new Journey.Send(Channel.SMS, "sms/a", null)),
                new Journey.Step("b", null, new Journey.Send(Channel.EMAIL, "email/b", "Hi"))),
            null);
    assertThat(j.window(j.steps().get(0)).toString()).isEqualTo("08:00-21:00");
    assertThat(j.window(j.steps().get(1)).isAny()).isTrue();
  }

  @Test
  void a_condition_naming_a_later_step_is_told_on_its_line() throws Exception {
    Path f =
        write("j.yaml", SMS.replace("if: {not_clicked: [survey]}", "if: {not_clicked: [coupon]}"));
    assertThatThrownBy(() -> Journey.load(f))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(
            "j.yaml:12: steps[contest].if.not_clicked: 'coupon' is not an earlier step");
    Path g = write("g.yaml", SMS.replace("[survey, contest]", "[survey, contst]"));
    assertThatThrownBy(() -> Journey.load(g))
        .hasMessageContaining("g.yaml:16: steps[coupon].if.not_clicked: 'contst' is no step");
  }

  @Test
  void shares_that_do_not_add_up_to_a_hundred_are_told_on_the_variants_line() throws Exception {
    Path f = write("j.yaml", SMS.replace("{id: b, share: 50", "{id: b, share: 40"));
    assertThatThrownBy(() -> Journey.load(f))
        .hasMessageContaining("j.yaml:18: 'steps[2]': variants: steps[coupon] has 2 variant(s)")
        .hasMessageContaining("add up to 90; expected two or more adding up to 100");
  }

  @Test
  void bad_durations_windows_end_actions_and_unknown_keys_are_told_with_their_lines()
      throws Exception {
    assertThatThrownBy(() -> Journey.load(write("a.yaml", SMS.replace("P30D", "30 days"))))
        .hasMessageContaining("a.yaml:11: 'steps[1].after_entry': expected an ISO-8601 duration");
    assertThatThrownBy(
            () -> Journey.load(write("b.yaml", SMS.replace("window: sms", "window: 8-21"))))
        .hasMessageContaining("b.yaml:5: window: expected sms (08:00-21:00)");
    assertThatThrownBy(
            () -> Journey.load(write("c.yaml", SMS.replace("done: sms_unsubscribe", "done: stop"))))
        .hasMessageContaining(
            "c.yaml:21: 'exit.done': expected one of [none, email_sunset, sms_unsubscribe], got"
                + " 'stop'");
    assertThatThrownBy(
            () ->
                Journey.load(
                    write(
                        "d.yaml",
                        SMS.replace("if: {not_clicked: [survey]}", "if: {not_clickd: [survey]}"))))
        .hasMessageContaining(
            "d.yaml:12: unknown key 'steps[1].if.not_clickd'; expected one of: not_bought,"
                + " not_clicked, not_opened");
    assertThatThrownBy(
            () ->
                Journey.load(
                    write(
                        "e.yaml",
                        SMS.replace(
                            "    after_entry: P30D\n", "    after_entry: P30D\n    after: P1D\n"))))
        .hasMessageContaining("e.yaml:11")
        .hasMessageContaining("has both after and after_entry; keep one");
  }

  @Test
  void a_nurture_journey_that_does_not_exist_and_a_journey_no_one_can_enter_are_told()
      throws Exception {
    Map<Path, Journey> journeys = new LinkedHashMap<>();
    Path sms = write("sms.yaml", SMS);
    journeys.put(sms, Journey.load(sms));
    Path orphan =
        write(
            "orphan.yaml",
            """
            id: orphan
            steps:
              - id: s1
                send: {channel: email, template: email/x, subject: Hi}
            """);
    journeys.put(orphan, Journey.load(orphan));
    List<String> told =
        JourneyRules.across(journeys).stream().map(m -> m.asException().getMessage()).toList();
    assertThat(told)
        .anySatisfy(
            m ->
                assertThat(m)
                    .contains("sms.yaml:21: exit.nurture: no journey has the id 'nurture'"))
        .anySatisfy(
            m ->
                assertThat(m)
                    .contains("orphan.yaml:1: audience: missing, and no journey names 'orphan'"));

    Path nurture =
        write("nurture.yaml", Files.readString(orphan).replace("id: orphan", "id: nurture"));
    journeys.remove(orphan);
    journeys.put(nurture, Journey.load(nurture));
    assertThat(JourneyRules.across(journeys)).isEmpty();
  }

  @Test
  void the_shipped_journeys_read_and_hold_together() throws Exception {
    Map<Path, Journey> shipped = new LinkedHashMap<>();
    try (var files = Files.list(Path.of("config/journeys"))) {
      for (Path f : files.sorted().toList()) {
        shipped.put(f, Journey.load(f));
      }
    }
    assertThat(JourneyRules.across(shipped)).isEmpty();
    assertThat(shipped.values())
        .extracting(Journey::id)
        .contains(
            "winback-tier-1-recent",
            "winback-tier-2-lapsed",
            "winback-tier-3-dormant",
            "winback-sms",
            "winback-ladder",
            "winback-nurture");
    Journey ladder =
        shipped.values().stream().filter(j -> j.id().equals("winback-ladder")).findFirst().get();
    assertThat(ladder.steps().size()).isBetween(4, 7);
    assertThat(ladder.steps().get(ladder.steps().size() - 1).send().subject())
        .contains("¿seguimos en contacto?");
  }
}
