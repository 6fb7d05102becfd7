package org.winbackhub.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.winbackhub.testing.PackagedJar;

/** validate refuses an SMS template that can be longer than hub.sms.max-segments. */
class ValidateSmsTemplatesTest {
  @TempDir Path hub;

  @Test
  void names_the_file_and_line_of_each_sms_template_mistake() throws Exception {
    PackagedJar.copyHubFolder(hub);
    Path sms = Files.createDirectories(hub.resolve("config/templates/sms"));
    Files.writeString(sms.resolve("fits.txt"), "Hola {{first_name|cliente}}: {{link:offer}}\n");
    // with a 20-character name: 127 septets on line 1, 278 by the end of line 2 (2 segments), 429
    // by the end of line 3 (3 segments), 483 with line 4 and its 32-character short link
    Files.writeString(
        sms.resolve("long.txt"),
        "Hola {{first_name}}, "
            + "a".repeat(100)
            + "\n"
            + "b".repeat(150)
            + "\n"
            + "c".repeat(150)
            + "\n"
            + "d".repeat(20)
            + " {{link:offer}}\n");
    Files.writeString(sms.resolve("unknown.txt"), "Hola\n{{nickname}} y {{link:nowhere}}\n");
    Files.writeString(
        hub.resolve("config/journeys/winback-sms.yaml"),
        """
        id: winback-sms
        audience: {lifecycle: [LAPSED], consent: sms}
        steps:
          - id: s1
            send: {channel: sms, template: sms/long}
          - id: s2
            send: {channel: sms, template: sms/missing}
        """);
    Files.writeString(
        hub.resolve("config/application.properties"),
        Files.readString(hub.resolve("config/application.properties"))
            .replace("hub.sms.max-segments = 3", "hub.sms.max-segments = 2"));

    List<String> problems =
        new ConfigValidator(hub, null)
            .validate().problems().stream().map(Problems.Problem::toString).toList();

    assertThat(problems)
        .containsExactlyInAnyOrder(
            "config/templates/sms/long.txt:3: the SMS can be 4 segments (GSM-7, 483 septets),"
                + " over hub.sms.max-segments = 2; it passes the limit on this line (fields"
                + " counted at 20 characters or their fallback, each link as a short link):"
                + " shorten it or raise hub.sms.max-segments",
            "config/templates/sms/unknown.txt:2: unknown placeholder {{nickname}}; fields:"
                + " [coupon_code, days_since_purchase, email, first_name, last_name, last_product,"
                + " offer], links: [link:contest, link:news, link:offer, link:preferences,"
                + " link:shop, link:survey] (add hub.links.NAME to application.properties)",
            "config/templates/sms/unknown.txt:2: unknown placeholder {{link:nowhere}}; fields:"
                + " [coupon_code, days_since_purchase, email, first_name, last_name, last_product,"
                + " offer], links: [link:contest, link:news, link:offer, link:preferences,"
                + " link:shop, link:survey] (add hub.links.NAME to application.properties)",
            "config/journeys/winback-sms.yaml:7: journey winback-sms, step s2: template"
                + " 'sms/missing' has no config/templates/sms/missing.txt (an SMS template is plain"
                + " text)");
  }

  @Test
  void a_provider_without_its_settings_or_one_without_a_kamelet_is_named_with_the_key_to_set()
      throws Exception {
    PackagedJar.copyHubFolder(hub);
    Path properties = hub.resolve("config/application.properties");
    String shipped = Files.readString(properties);

    Files.writeString(
        properties,
        shipped
            .replace("hub.sms.provider =\n", "hub.sms.provider = twilio\n")
            .replace("hub.sms.from =\n", "hub.sms.from = +34600000001\n"));
    assertThat(messages())
        .contains(
            "config/application.properties: hub.sms.provider is twilio, but"
                + " hub.sms.twilio.account-sid is empty (set it in config/application.properties"
                + " or as env HUB_SMS_TWILIO_ACCOUNT_SID; it is the Kamelet's"
                + " camel.kamelet.winback-twilio-sms-sink.accountSid)");

    Files.writeString(
        properties,
        shipped
            .replace("hub.sms.provider =\n", "hub.sms.provider = smpp\n")
            .replace("hub.sms.from =\n", "hub.sms.from = Tienda\n")
            .replace("hub.sms.smpp.host =\n", "hub.sms.smpp.host = smsc.example.net\n"));
    assertThat(messages())
        .contains(
            "config/application.properties: hub.sms.provider is smpp, but"
                + " hub.sms.smpp.system-id is empty (set it in config/application.properties"
                + " or as env HUB_SMS_SMPP_SYSTEM_ID)");

    Files.writeString(
        properties, shipped.replace("hub.sms.provider =\n", "hub.sms.provider = twilo\n"));
    assertThat(messages())
        .contains(
            "config/application.properties: hub.sms.provider: expected one of http-json, kannel,"
                + " smpp, twilio (or NAME with a Kamelet"
                + " routes/kamelets/winback-NAME-sms-sink.kamelet.yaml), got 'twilo'");
  }

  private List<String> messages() throws Exception {
    return new ConfigValidator(hub, null)
        .validate().problems().stream().map(Problems.Problem::toString).toList();
  }
}
