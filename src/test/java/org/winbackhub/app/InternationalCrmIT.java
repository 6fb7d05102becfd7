package org.winbackhub.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.winbackhub.testing.HubPeers;
import org.winbackhub.testing.TestCrms;

/**
 * A CRM on MariaDB that keeps addresses as typed (accents before the @, internationalized domains),
 * connected by YAML alone, with an over-long name, an unreadable opt-out, an address that is no
 * address, a negative invoice and one dated 1900: every live contact arrives with its consent, and
 * each refused field is a rejection naming the field with its value masked.
 */
@CamelMainTest(
    configurationClasses = HubBeans.class,
    propertyPlaceholderLocations = {
      "classpath:test.properties",
      "file:config/application.properties"
    },
    properties = {
      "camel.main.routes-include-pattern=file:routes/**/*.camel.yaml,classpath:intl-crm-routes/*.camel.yaml",
      "camel.beans.intlCrm=#class:com.zaxxer.hikari.HikariDataSource",
      "camel.beans.intlCrm.jdbcUrl=jdbc:mariadb://127.0.0.1:3306/winback_intl_crm_it",
      "camel.beans.intlCrm.username=root"
    })
class InternationalCrmIT extends HubAppTest {

  @BeforeAll
  static void createCrm() throws Exception {
    TestCrms.mariaDb("winback_intl_crm_it", "crm/intl-crm-mariadb.sql");
  }

  void awaitFirstLoad() throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (count("SELECT COUNT(*) FROM source_watermark WHERE source LIKE 'intl-crm:%'") < 3
        && System.nanoTime() < deadline) {
      Thread.sleep(200);
    }
    assertThat(count("SELECT COUNT(*) FROM source_watermark WHERE source LIKE 'intl-crm:%'"))
        .isEqualTo(3);
  }

  Map<String, Object> contact(String firstNameOrKey) throws Exception {
    return query(
            "SELECT k.first_name, k.last_name, k.email, k.email_key, k.phone, k.email_consent FROM"
                + " contact k JOIN source_ref r ON r.contact_id = k.id WHERE r.source = 'intl-crm'"
                + " AND r.external_id = '"
                + firstNameOrKey
                + "'")
        .get(0);
  }

  @Test
  @Order(1)
  void every_live_contact_arrives_with_its_consent_and_each_refused_field_is_named_and_masked()
      throws Exception {
    awaitFirstLoad();
    assertThat(count("SELECT COUNT(*) FROM contact")).isEqualTo(6);

    assertThat(contact("1"))
        .containsEntry("email", "lucía.garcía5@example.org")
        .containsEntry("first_name", "Lucía")
        .containsEntry("phone", "+34611000001")
        .containsEntry("email_consent", "GRANTED");
    assertThat(contact("2"))
        .containsEntry("email", "JOSÉ@bücher.de")
        .containsEntry("email_key", "josé@xn--bcher-kva.de")
        .containsEntry("email_consent", "OPTED_OUT");
    assertThat(contact("3"))
        .containsEntry("email", "用户@例子.广告")
        .containsEntry("first_name", "伟")
        .containsEntry("email_consent", "GRANTED");
    // the over-long name is refused; the rest of Maximiliano's record, and his opt-out, arrive
    assertThat(contact("4"))
        .containsEntry("first_name", null)
        .containsEntry("last_name", "Mayor")
        .containsEntry("email", "max@example.org")
        .containsEntry("phone", "+34611000004")
        .containsEntry("email_consent", "OPTED_OUT");
    // an opt-out that cannot be read is never taken as consent
    assertThat(contact("5"))
        .containsEntry("email", "bea@example.org")
        .containsEntry("email_consent", "OPTED_OUT");
    // an address that is no address costs the address: Eva, her phone and her opt-out arrive
    assertThat(contact("6"))
        .containsEntry("email", null)
        .containsEntry("first_name", "Eva")
        .containsEntry("phone", "+34611000006")
        .containsEntry("email_consent", "OPTED_OUT");

    List<Map<String, Object>> rejected =
        query(
            "SELECT location, record_key, contact_key, field, reason, raw, record_kept"
                + " FROM rejected_record WHERE source = 'intl-crm' ORDER BY location, record_key");
    assertThat(rejected)
        .extracting(
            r ->
                r.get("location")
                    + "|"
                    + r.get("record_key")
                    + "|"
                    + r.get("contact_key")
                    + "|"
                    + r.get("field")
                    + "|"
                    + r.get("raw")
                    + "|"
                    + r.get("record_kept"))
        .containsExactly(
            "intl-crm contacts|4|4|first_name|M***|true",
            "intl-crm contacts|5|5|email_opt_out|maybe|true",
            "intl-crm contacts|6|6|email|e***@example.org|true",
            "intl-crm events:purchase:inv_no|INV-2|2|amount|-20.00|false",
            "intl-crm events:purchase:inv_no|INV-3|3|issued_at|1900-01-01T10:14:44Z|false");
    assertThat(rejected)
        .extracting(r -> r.get("reason").toString())
        .containsExactly(
            "first_name: longer than its column: 251 characters, at most 200",
            "email_opt_out: column email_optout: expected an opt-out flag (true/false, 1/0, Y/N);"
                + " taken as opted out until it can be read",
            "email: not a valid address: needs one @ between a name and a domain",
            "amount: a purchase cannot be negative (refunds are events of their own: type refund)",
            "issued_at: out of range: before 1990-01-01 (hub.intake.earliest-date)");
    assertThat(rejected)
        .allSatisfy(
            r ->
                assertThat(r.get("raw") + " " + r.get("reason"))
                    .doesNotContain("eva@@", "Maximilianoo", "bea@example.org"));

    // the good invoice is a purchase, the credit note a refund of its own; the refused ones are not
    // there
    assertThat(
            query(
                "SELECT external_id, type, amount FROM contact_event WHERE source = 'intl-crm'"
                    + " ORDER BY external_id"))
        .extracting(e -> e.get("external_id") + " " + e.get("type") + " " + e.get("amount"))
        .containsExactly(
            "purchase:INV-1 purchase 49.90",
            "purchase:INV-4 purchase 80.00",
            "refund:CN-1 refund 9.90");
  }

  @Test
  @Order(2)
  void explain_finds_an_address_in_any_form_and_shows_the_refused_fields() throws Exception {
    runCycle();
    HttpResponse<String> jose =
        explain(URLEncoder.encode("josé@XN--BCHER-KVA.DE", StandardCharsets.UTF_8));
    assertThat(jose.statusCode()).isEqualTo(200);
    assertThat(jose.body())
        .contains("intl-crm events:purchase:inv_no record INV-2")
        .contains("amount: a purchase cannot be negative")
        .contains("(not taken in)");

    long eva =
        count("SELECT contact_id FROM source_ref WHERE source = 'intl-crm' AND external_id = '6'");
    HttpResponse<String> explained = explain(String.valueOf(eva));
    assertThat(explained.statusCode()).isEqualTo(200);
    assertThat(explained.body())
        .containsPattern(
            "rejected: +intl-crm contacts record 6 on \\d{4}-\\d\\d-\\d\\d: email: not a valid"
                + " address: needs one @ between a name and a domain \\[e\\*\\*\\*@example.org\\]"
                + " \\(taken in without it\\)");
  }

  HttpResponse<String> explain(String who) throws Exception {
    return http.send(
        HttpRequest.newBuilder(
                URI.create(
                    "http://127.0.0.1:" + peers.httpPort + "/admin/contacts/" + who + "/explain"))
            .header("Authorization", "Bearer " + HubPeers.ADMIN_TOKEN)
            .header("Accept", "text/plain")
            .GET()
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
