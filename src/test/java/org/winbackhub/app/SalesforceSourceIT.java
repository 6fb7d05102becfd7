package org.winbackhub.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.FileInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.camel.Exchange;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.winbackhub.intake.SyncReport;
import org.winbackhub.journey.Holdout;
import org.winbackhub.testing.SalesforceStub;

/**
 * Salesforce orgs synced by the real routes through camel-salesforce against a loopback org that
 * answers as Salesforce documents: the first load by Bulk API 2.0, then paged SOQL from the
 * SystemModstamp watermark; an expired session logged in again; a request limit retried and shown
 * in health; three OAuth flows, each an org of its own.
 */
@CamelMainTest(
    configurationClasses = HubBeans.class,
    propertyPlaceholderLocations = {
      "classpath:test.properties",
      "file:config/application.properties"
    },
    properties = {
      "camel.main.routes-include-pattern=file:routes/**/*.camel.yaml,classpath:salesforce-routes/*.camel.yaml",
      "hub.sources.retry-backoff-ms=50",
      "hub.salesforce.bulk-poll-ms=100",
      "camel.component.salesforce.loginUrl={{it.sf.url}}",
      "camel.component.salesforce.authenticationType=USERNAME_PASSWORD",
      "camel.component.salesforce.clientId=3MVG9-main-org",
      "camel.component.salesforce.clientSecret={{it.sf.secret}}",
      "camel.component.salesforce.userName=integration@shop.example",
      "camel.component.salesforce.password={{it.sf.password}}",
      "camel.component.salesforce.lazyLogin=true",
      "camel.beans.salesforceCc=#class:org.apache.camel.component.salesforce.SalesforceComponent",
      "camel.beans.salesforceCc.loginUrl={{it.sf-cc.url}}",
      "camel.beans.salesforceCc.authenticationType=CLIENT_CREDENTIALS",
      "camel.beans.salesforceCc.clientId=3MVG9-cc-org",
      "camel.beans.salesforceCc.clientSecret={{it.sf.secret}}",
      "camel.beans.salesforceCc.lazyLogin=true",
      "camel.beans.sfJwtKeys=#class:org.apache.camel.support.jsse.KeyStoreParameters",
      "camel.beans.sfJwtKeys.resource=file:{{it.sf-jwt.keystore}}",
      "camel.beans.sfJwtKeys.password=changeit",
      "camel.beans.salesforceJwt=#class:org.apache.camel.component.salesforce.SalesforceComponent",
      "camel.beans.salesforceJwt.loginUrl={{it.sf-jwt.url}}",
      "camel.beans.salesforceJwt.authenticationType=JWT",
      "camel.beans.salesforceJwt.clientId=3MVG9-jwt-org",
      "camel.beans.salesforceJwt.userName=jwt@shop.example",
      "camel.beans.salesforceJwt.keystore=#bean:sfJwtKeys",
      "camel.beans.salesforceJwt.lazyLogin=true"
    })
public class SalesforceSourceIT extends HubAppTest {
  static SalesforceStub org;
  static SalesforceStub ccOrg;
  static SalesforceStub jwtOrg;
  static Path keys;
  static final Instant LONG_AGO = Instant.now().minus(400, ChronoUnit.DAYS);

  @BeforeAll
  static void startOrgs() throws Exception {
    org =
        new SalesforceStub(
            new SalesforceStub.Credentials(
                "3MVG9-main-org", "s3cr3t", "integration@shop.example", "pw+token", null),
            2);
    ccOrg =
        new SalesforceStub(
            new SalesforceStub.Credentials("3MVG9-cc-org", "s3cr3t", null, null, null), 2000);
    keys = Files.createTempDirectory("sf-jwt").resolve("org.p12");
    Process keytool =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair",
                "-alias",
                "winback",
                "-keyalg",
                "RSA",
                "-keysize",
                "2048",
                "-dname",
                "CN=winback-it",
                "-validity",
                "2",
                "-storetype",
                "PKCS12",
                "-keystore",
                keys.toString(),
                "-storepass",
                "changeit",
                "-keypass",
                "changeit")
            .inheritIO()
            .start();
    assertThat(keytool.waitFor()).isZero();
    KeyStore ks = KeyStore.getInstance("PKCS12");
    try (FileInputStream in = new FileInputStream(keys.toFile())) {
      ks.load(in, "changeit".toCharArray());
    }
    jwtOrg =
        new SalesforceStub(
            new SalesforceStub.Credentials(
                "3MVG9-jwt-org",
                null,
                "jwt@shop.example",
                null,
                ks.getCertificate("winback").getPublicKey()),
            2000);
    System.setProperty("it.sf.url", org.url());
    System.setProperty("it.sf-cc.url", ccOrg.url());
    System.setProperty("it.sf-jwt.url", jwtOrg.url());
    System.setProperty("it.sf-jwt.keystore", keys.toString());
    System.setProperty("it.sf.secret", "s3cr3t");
    System.setProperty("it.sf.password", "pw+token");

    Instant t = Instant.now().minus(30, ChronoUnit.DAYS);
    org.put(
        "Contact",
        contact(
            "0035g00000ABCDE1AA",
            "ana@example.com",
            "Ana",
            false,
            t,
            LocalDate.now().minusDays(40)));
    org.put(
        "Contact",
        contact("0035g00000ABCDE2AA", "bruno@example.com", "Bruno", true, t.plusSeconds(1), null));
    org.put(
        "Contact",
        contact(
            "0035g00000ABCDE3AA",
            "carmen@example.com",
            "Carmen",
            false,
            t.plusSeconds(2),
            LocalDate.now().minusDays(200)));
    org.put(
        "Contact",
        contact("0035g00000ABCDE4AA", "not-an-email", "Dora", false, t.plusSeconds(3), null));
    org.put("Lead", lead("00Q5g00000LEAD01AA", "ana@example.com", "Ana", false, t.plusSeconds(4)));
    org.put(
        "Lead", lead("00Q5g00000LEAD02AA", "elena@example.com", "Elena", false, t.plusSeconds(5)));
    org.put(
        "Case", complaint("5005g00000CASE01AA", "0035g00000ABCDE3AA", LONG_AGO, t.plusSeconds(6)));
    org.put("Case", complaint("5005g00000CASE02AA", "0035g00000ABCDE1AA", null, t.plusSeconds(7)));
    Map<String, Object> question =
        complaint("5005g00000CASE03AA", "0035g00000ABCDE1AA", LONG_AGO, t.plusSeconds(8));
    question.put("Type", "Question");
    org.put("Case", question);
    ccOrg.put(
        "Contact", contact("0035g00000CCCCC1AA", "carmen@example.com", "Carmen", false, t, null));
    jwtOrg.put(
        "Contact", contact("0035g00000JJJJJ1AA", "julia@example.com", "Julia", false, t, null));
  }

  public static Map<String, Object> contact(
      String id,
      String email,
      String name,
      boolean optOut,
      Instant modstamp,
      LocalDate lastActivity) {
    Map<String, Object> c = new HashMap<>();
    c.put("Id", id);
    c.put("Email", email);
    c.put("MobilePhone", null);
    c.put("FirstName", name);
    c.put("LastName", "Salesforce");
    c.put("HasOptedOutOfEmail", optOut);
    c.put("LastActivityDate", lastActivity);
    c.put("OwnerId", "0055g00000OWNER1AA");
    c.put("SystemModstamp", modstamp);
    return c;
  }

  public static Map<String, Object> lead(
      String id, String email, String name, boolean optOut, Instant modstamp) {
    Map<String, Object> l = contact(id, email, name, optOut, modstamp, null);
    l.remove("LastActivityDate");
    l.put("IsConverted", false);
    return l;
  }

  static Map<String, Object> complaint(
      String id, String contactId, Instant created, Instant modstamp) {
    Map<String, Object> c = new HashMap<>();
    c.put("Id", id);
    c.put("ContactId", contactId);
    c.put("Type", "Complaint");
    c.put("CreatedDate", created);
    c.put("SystemModstamp", modstamp);
    return c;
  }

  @AfterAll
  static void stopOrgs() {
    org.close();
    ccOrg.close();
    jwtOrg.close();
    for (String key :
        List.of(
            "it.sf.url",
            "it.sf-cc.url",
            "it.sf-jwt.url",
            "it.sf-jwt.keystore",
            "it.sf.secret",
            "it.sf.password")) {
      System.clearProperty(key);
    }
  }

  /** Waits for the next report of the main org's route. */
  SyncReport nextReport() throws Exception {
    MockEndpoint synced = camel.getEndpoint("mock:synced", MockEndpoint.class);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    int seen = synced.getReceivedCounter();
    while (System.nanoTime() < deadline) {
      List<Exchange> all = synced.getReceivedExchanges();
      for (int i = seen; i < all.size(); i++) {
        SyncReport r = all.get(i).getMessage().getBody(SyncReport.class);
        if (r != null && r.source().equals("salesforce")) {
          return r;
        }
      }
      seen = all.size();
      Thread.sleep(100);
    }
    throw new AssertionError("no sync report from source-salesforce within 20 s");
  }

  @Test
  @Order(1)
  void the_first_load_runs_as_bulk_jobs_and_takes_in_contacts_leads_complaints_and_activity()
      throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (count("SELECT COUNT(*) FROM source_watermark WHERE source LIKE 'salesforce:%'") < 4
        && System.nanoTime() < deadline) {
      Thread.sleep(200);
    }
    nextReport();

    // one Bulk API 2.0 job per stream, without ORDER BY so Salesforce can chunk it; the streams
    // with a delete marker (Contacts, Leads, Cases) as queryAll jobs, which return deleted records
    assertThat(org.bulkQueries).hasSize(4).noneMatch(q -> q.contains("ORDER BY"));
    assertThat(org.bulkQueryAlls).hasSize(3).allMatch(q -> q.contains("IsDeleted"));
    assertThat(org.grants).first().isEqualTo("password");
    // results read page by page (2 records a page here), each page's Sforce-Locator naming the
    // next: four streams, the four contacts in two pages
    assertThat(org.bulkResultPages.get()).isEqualTo(5);

    // Ana is a Contact and a Lead with the same email: one person, with a recorded merge
    assertThat(
            count(
                "SELECT COUNT(*) FROM source_ref r JOIN contact k ON k.id = r.contact_id"
                    + " WHERE k.email = 'ana@example.com' AND r.source = 'salesforce'"))
        .isEqualTo(2);
    assertThat(
            count(
                "SELECT COUNT(*) FROM contact WHERE email = 'ana@example.com' AND merged_into IS"
                    + " NULL"))
        .isEqualTo(1);
    assertThat(query("SELECT email_consent FROM contact WHERE email = 'bruno@example.com'").get(0))
        .containsEntry("email_consent", "OPTED_OUT");
    assertThat(count("SELECT COUNT(*) FROM contact WHERE email = 'elena@example.com'"))
        .isEqualTo(1);
    // the record owner is kept with the Salesforce reference
    assertThat(
            query(
                    "SELECT owner FROM source_ref WHERE source = 'salesforce' AND external_id ="
                        + " '0035g00000ABCDE1AA'")
                .get(0))
        .containsEntry("owner", "0055g00000OWNER1AA");

    // a complaint Case becomes a complaint event; a question does not; the last activity is an
    // event
    assertThat(
            query(
                "SELECT external_id, type FROM contact_event WHERE source = 'salesforce' ORDER BY"
                    + " external_id"))
        .extracting(e -> e.get("external_id") + "/" + e.get("type"))
        .containsExactly(
            "activity:0035g00000ABCDE1AA:" + LocalDate.now().minusDays(40) + "/activity",
            "activity:0035g00000ABCDE3AA:" + LocalDate.now().minusDays(200) + "/activity",
            "complaint:5005g00000CASE01AA/complaint");

    // malformed records are kept with source, key and reason; the rest went on
    assertThat(
            query(
                "SELECT location, record_key, reason FROM rejected_record WHERE source ="
                    + " 'salesforce' ORDER BY record_key"))
        .extracting(r -> r.get("location") + "|" + r.get("record_key") + "|" + r.get("reason"))
        .anyMatch(r -> r.startsWith("salesforce contacts|0035g00000ABCDE4AA|email"))
        .anyMatch(
            r ->
                r.startsWith(
                    "salesforce events:complaint:Id|5005g00000CASE02AA|CreatedDate: missing"));
  }

  @Test
  @Order(2)
  void later_runs_page_through_soql_from_the_watermark_and_pick_up_changes() throws Exception {
    long eventsBefore = count("SELECT COUNT(*) FROM contact_event WHERE source = 'salesforce'");
    Instant now = Instant.now();
    org.put(
        "Contact",
        contact(
            "0035g00000ABCDE3AA",
            "carmen@example.com",
            "Carmen",
            true,
            now,
            LocalDate.now().minusDays(200)));
    org.put(
        "Case", complaint("5005g00000CASE04AA", "0035g00000ABCDE1AA", now.minusSeconds(3600), now));
    for (int i = 0;
        i < 5
            && count("SELECT COUNT(*) FROM contact_event WHERE source = 'salesforce'")
                < eventsBefore + 1;
        i++) {
      nextReport();
    }
    assertThat(count("SELECT COUNT(*) FROM contact_event WHERE source = 'salesforce'"))
        .isEqualTo(eventsBefore + 1);
    assertThat(
            query(
                    "SELECT email_consent FROM contact WHERE email = 'carmen@example.com' AND"
                        + " merged_into IS NULL")
                .get(0))
        .containsEntry("email_consent", "OPTED_OUT");

    // paged SOQL from the watermark (minus the overlap), ordered by SystemModstamp; the queries
    // with a delete marker through queryAll
    assertThat(org.queries)
        .isNotEmpty()
        .allMatch(q -> q.contains("ORDER BY SystemModstamp") && !q.contains("1900-01-01"));
    assertThat(org.queryAlls)
        .isNotEmpty()
        .allMatch(q -> q.contains("ORDER BY SystemModstamp") && q.contains("IsDeleted"));
    assertThat(org.queries).noneMatch(q -> q.contains("IsDeleted"));
    assertThat(org.queryMores.get()).as("pages followed by nextRecordsUrl").isPositive();
    String contactsQuery =
        org.queryAlls.stream()
            .filter(q -> q.contains("FROM Contact WHERE SystemModstamp"))
            .reduce((a, b) -> b)
            .orElseThrow();
    assertThat(contactsQuery)
        .containsPattern("SystemModstamp >= \\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
    // steady state: a run reads only what changed within the overlap, not the whole org
    SyncReport steady = nextReport();
    assertThat(steady.read()).isLessThan(6);
    assertThat(steady.changes().newEvents()).isZero();
  }

  @Test
  @Order(3)
  void an_expired_session_is_logged_in_again_without_failing_the_sync() throws Exception {
    nextReport();
    int logins = org.logins.get();
    org.expireSession();
    Instant now = Instant.now();
    org.put("Lead", lead("00Q5g00000LEAD03AA", "fabio@example.com", "Fabio", false, now));
    for (int i = 0;
        i < 5 && count("SELECT COUNT(*) FROM contact WHERE email = 'fabio@example.com'") == 0;
        i++) {
      nextReport();
    }
    assertThat(count("SELECT COUNT(*) FROM contact WHERE email = 'fabio@example.com'"))
        .isEqualTo(1);
    assertThat(org.logins.get()).isGreaterThan(logins);
  }

  @Test
  @Order(4)
  void a_request_limit_is_retried_shows_in_health_and_recovers() throws Exception {
    String url =
        "http://127.0.0.1:" + peers().managementPort + "/observe/health?exposureLevel=full";
    org.exceedLimits(1);
    // one refusal: the route's retry (hub-sources redelivery) succeeds
    nextReport();
    assertThat(get(url).body()).contains("{\"name\":\"source:salesforce\",\"status\":\"UP\"");

    org.exceedLimits(1000);
    String body = "";
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (!body.contains("{\"name\":\"source:salesforce\",\"status\":\"DOWN\"")
        && System.nanoTime() < deadline) {
      body = get(url).body();
      Thread.sleep(200);
    }
    assertThat(body).contains("{\"name\":\"source:salesforce\",\"status\":\"DOWN\"");
    // the other orgs go on meanwhile
    assertThat(body).contains("{\"name\":\"source:salesforce-cc\",\"status\":\"UP\"");
    org.exceedLimits(0);
    nextReport();
    assertThat(get(url).body()).contains("{\"name\":\"source:salesforce\",\"status\":\"UP\"");
    // progress as metrics: rows read and rows expected (Salesforce tells a query's total size)
    String metrics = get("http://127.0.0.1:" + peers().managementPort + "/observe/metrics").body();
    assertThat(metrics)
        .containsPattern("hub_sync_rows_read\\{[^}]*stream=\"salesforce:contacts\"[^}]*\\} [1-9]")
        .containsPattern(
            "hub_sync_rows_expected\\{[^}]*stream=\"salesforce:contacts\"[^}]*\\} [1-9]");
  }

  @Test
  @Order(5)
  void client_credentials_and_jwt_orgs_log_in_by_their_own_flow() throws Exception {
    awaitCount("SELECT COUNT(*) FROM source_ref WHERE source = 'salesforce-jwt'", 1);
    awaitCount("SELECT COUNT(*) FROM source_ref WHERE source = 'salesforce-cc'", 1);
    assertThat(ccOrg.grants).isNotEmpty().allMatch("client_credentials"::equals);
    assertThat(jwtOrg.grants)
        .isNotEmpty()
        .allMatch("urn:ietf:params:oauth:grant-type:jwt-bearer"::equals);
    // Carmen of the client-credentials org is the main org's Carmen: one person
    assertThat(
            count(
                "SELECT COUNT(*) FROM contact WHERE email = 'carmen@example.com' AND merged_into IS"
                    + " NULL"))
        .isEqualTo(1);
    // one bulk job per stream, once: streams that were empty then are read by SOQL, not bulk again
    assertThat(ccOrg.bulkQueries).hasSize(4);
    assertThat(ccOrg.queries).isNotEmpty();
    // the JWT org does no bulk load: it read by SOQL from the start
    assertThat(jwtOrg.bulkQueries).isEmpty();
    assertThat(jwtOrg.queries).isNotEmpty();
  }

  @Test
  @Order(7)
  void records_deleted_in_the_org_are_read_through_query_all_and_end_their_references()
      throws Exception {
    org.delete("Lead", "00Q5g00000LEAD02AA"); // Elena: known to this org only
    org.delete("Contact", "0035g00000ABCDE3AA"); // Carmen: the second org knows her too
    org.delete("Case", "5005g00000CASE04AA"); // a complaint of Ana's
    awaitCount(
        "SELECT COUNT(*) FROM contact WHERE email = 'elena@example.com' AND archived_at IS NOT"
            + " NULL",
        1);
    awaitCount(
        "SELECT COUNT(*) FROM contact_event WHERE external_id = 'complaint:5005g00000CASE04AA' AND"
            + " deleted_at IS NOT NULL",
        1);
    awaitCount(
        "SELECT COUNT(*) FROM source_ref WHERE source = 'salesforce' AND ended_at IS NOT NULL", 2);

    assertThat(
            query(
                    "SELECT end_reason FROM source_ref WHERE source = 'salesforce' AND external_id"
                        + " = '00Q5g00000LEAD02AA'")
                .get(0))
        .containsEntry("end_reason", "deleted in the source (IsDeleted = true)");
    assertThat(query("SELECT archive_reason FROM contact WHERE email = 'elena@example.com'").get(0))
        .containsEntry(
            "archive_reason",
            "no live source reference: salesforce 00Q5g00000LEAD02AA deleted in the source"
                + " (IsDeleted = true)");
    // Carmen stays: the second org still knows her, with the opt-out the first one gave
    assertThat(
            query(
                    "SELECT archived_at, email_consent FROM contact WHERE email ="
                        + " 'carmen@example.com' AND merged_into IS NULL")
                .get(0))
        .containsEntry("archived_at", null)
        .containsEntry("email_consent", "OPTED_OUT");
    assertThat(
            query(
                "SELECT source FROM source_ref r JOIN contact k ON k.id = r.contact_id"
                    + " WHERE k.email = 'carmen@example.com' AND r.ended_at IS NULL"))
        .extracting(r -> r.get("source"))
        .containsExactly("salesforce-cc");
    // deleted records are visible through queryAll only: the plain query never returned them
    assertThat(org.queryAlls).anyMatch(q -> q.contains("FROM Lead"));

    // restored from the recycle bin: Elena is back
    org.undelete("Lead", "00Q5g00000LEAD02AA");
    awaitCount(
        "SELECT COUNT(*) FROM contact WHERE email = 'elena@example.com' AND archived_at IS NULL",
        1);
    assertThat(
            count(
                "SELECT COUNT(*) FROM source_ref WHERE source = 'salesforce' AND external_id ="
                    + " '00Q5g00000LEAD02AA' AND ended_at IS NULL"))
        .isEqualTo(1);
  }

  @Test
  @Order(6)
  void a_person_in_three_sources_is_one_contact_and_an_opt_out_in_one_source_stops_every_send()
      throws Exception {
    // Olga: her loyalty card knows her phone only, the main org her email only, the second org both
    dropAndWait(
        "cards.csv",
        HEADER
            + "\n"
            + "L1,Olga,Ortiz,,+34600111222,no,LT1,purchase,"
            + ago(200)
            + ",30.00,EUR\n"
            + "L2,Bruno,Salesforce,bruno@example.com,,no,LT2,purchase,"
            + ago(200)
            + ",25.00,EUR\n");
    org.put(
        "Contact",
        contact("0035g00000OLGA01AA", "olga@example.com", "Olga", false, Instant.now(), null));
    awaitCount("SELECT COUNT(*) FROM contact WHERE first_name = 'Olga' AND merged_into IS NULL", 2);
    Map<String, Object> both =
        contact("0035g00000OLGA02AA", "olga@example.com", "Olga", false, Instant.now(), null);
    both.put("MobilePhone", "+34 600 111 222");
    ccOrg.put("Contact", both);
    awaitCount("SELECT COUNT(*) FROM contact WHERE first_name = 'Olga' AND merged_into IS NULL", 1);

    Map<String, Object> olga =
        query(
                "SELECT id, email, phone FROM contact WHERE first_name = 'Olga' AND merged_into IS"
                    + " NULL")
            .get(0);
    assertThat(olga)
        .containsEntry("email", "olga@example.com")
        .containsEntry("phone", "+34600111222");
    assertThat(
            query(
                "SELECT r.source FROM source_ref r JOIN contact k ON k.id = r.contact_id"
                    + " WHERE COALESCE(k.merged_into, k.id) = "
                    + olga.get("id")
                    + " ORDER BY r.source"))
        .extracting(r -> r.get("source"))
        .containsExactly("loyalty", "salesforce", "salesforce-cc");
    assertThat(
            query(
                "SELECT source, reason FROM contact_merge WHERE survivor_id = "
                    + olga.get("id")
                    + " AND undone_at IS NULL"))
        .singleElement()
        .satisfies(m -> assertThat(m).containsEntry("source", "salesforce-cc"));

    // Bruno opted out in Salesforce; his loyalty card says subscribed and shows him lapsed
    assertThat(query("SELECT email_consent FROM contact WHERE email = 'bruno@example.com'").get(0))
        .containsEntry("email_consent", "OPTED_OUT");
    runCycle();
    assertThat(
            query(
                    "SELECT lifecycle FROM contact_fact f JOIN contact k ON k.id = f.contact_id"
                        + " WHERE k.email = 'bruno@example.com'")
                .get(0))
        .containsEntry("lifecycle", "LAPSED");
    assertThat(
            count(
                "SELECT COUNT(*) FROM enrollment e JOIN contact k ON k.id = e.contact_id WHERE"
                    + " k.email = 'olga@example.com'"))
        .isEqualTo(1);
    assertThat(
            count(
                "SELECT COUNT(*) FROM enrollment e JOIN contact k ON k.id = e.contact_id WHERE"
                    + " k.email = 'bruno@example.com'"))
        .isZero();
    if (!Holdout.isHeldOut("winback-email", ((Number) olga.get("id")).longValue(), 0.10)) {
      assertThat(peers().smtp.waitForIncomingEmail(20_000, 1)).isTrue();
    }
    assertThat(recipients()).doesNotContain("bruno@example.com");
    assertThat(count("SELECT COUNT(*) FROM outbox WHERE recipient = 'bruno@example.com'")).isZero();
  }
}
