package org.winbackhub.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.winbackhub.testing.PackagedJar;

/**
 * validate and the offers: unknown template fields, offer fields in a step without an offer, a bad
 * line of a pool's codes file, a step naming no pool, each told with its file and line.
 */
class ValidateOffersTest {
  @TempDir Path hub;

  void replace(String file, String from, String to) throws IOException {
    Path p = hub.resolve(file);
    String text = Files.readString(p);
    assertThat(text).contains(from);
    Files.writeString(p, text.replace(from, to));
  }

  List<String> problems() throws Exception {
    return new ConfigValidator(hub, null)
        .validate().problems().stream().map(Problems.Problem::toString).toList();
  }

  @Test
  void each_mistake_of_templates_pools_and_offers_is_told_on_its_line() throws Exception {
    PackagedJar.copyHubFolder(hub);
    replace(
        "config/templates/email/we-miss-you.txt",
        "Usa el código {{coupon_code}}",
        "Usa el código {{coupon_cod}}");
    replace(
        "config/templates/email/we-fixed-it.html",
        "</body>",
        "<p>{{coupon_code}} {{offer|}}</p>\n</body>");
    replace("config/offers/free-shipping.csv", "ENVIO-8HWN4C,1", "ENVIO 8HWN4C,1");
    replace("config/journeys/winback-email.yaml", "offer: winback-10", "offer: winback-99");
    // the SMS survey step has no offer: its code would be empty
    Path survey = hub.resolve("config/templates/sms/survey.txt");
    Files.writeString(survey, Files.readString(survey) + "Tu código: {{coupon_code}}\n");
    int surveyLine = Files.readAllLines(survey).size();

    List<String> problems = problems();

    int fixedIt =
        Files.readAllLines(hub.resolve("config/templates/email/we-fixed-it.html"))
                .indexOf("<p>{{coupon_code}} {{offer|}}</p>")
            + 1;
    assertThat(problems)
        .anySatisfy(
            p ->
                assertThat(p)
                    .startsWith(
                        "config/templates/email/we-miss-you.txt:6: unknown placeholder"
                            + " {{coupon_cod}}; fields: [coupon_code, days_since_purchase, email,"
                            + " first_name, last_name, last_product, offer]"))
        .contains(
            "config/templates/email/we-fixed-it.html:"
                + fixedIt
                + ": {{coupon_code}} has no value in a step without an offer: give the step an"
                + " offer (a pool of config/offers.yaml) or the placeholder a fallback"
                + " ({{coupon_code|...}})",
            "config/offers/free-shipping.csv:3: pool free-shipping: not a coupon code: 3 to 64"
                + " letters, digits or - _ . / + = # $ % & * @, without spaces",
            "config/journeys/winback-email.yaml:17: offer 'winback-99' names no coupon pool of"
                + " config/offers.yaml; its pools: [free-shipping, winback-10, winback-15,"
                + " winback-20, winback-25, winback-gift]",
            "config/templates/sms/survey.txt:"
                + surveyLine
                + ": {{coupon_code}} has no value in a step without an offer: give the step an"
                + " offer (a pool of config/offers.yaml) or the placeholder a fallback"
                + " ({{coupon_code|...}})")
        .hasSize(5);
  }

  @Test
  void a_mistake_in_offers_yaml_and_a_missing_codes_file_are_told_on_their_lines()
      throws Exception {
    PackagedJar.copyHubFolder(hub);
    Files.delete(hub.resolve("config/offers/free-shipping.csv"));
    assertThat(problems())
        .containsExactly(
            "config/offers.yaml:21: pool free-shipping: no file config/offers/free-shipping.csv"
                + " (the file is relative to config/): its messages would wait for codes");

    replace("config/offers.yaml", "prefix: \"WB20-\"", "prefix: \"wb20\"");
    assertThat(problems())
        .anySatisfy(
            p ->
                assertThat(p)
                    .startsWith("config/offers.yaml:15: ")
                    .contains("prefix: upper-case letters, digits and dashes"));
  }
}
