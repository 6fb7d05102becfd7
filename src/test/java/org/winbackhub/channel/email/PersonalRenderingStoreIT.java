package org.winbackhub.channel.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.winbackhub.channel.personal.CouponIssuer;
import org.winbackhub.channel.personal.PersonalFields;
import org.winbackhub.model.Channel;
import org.winbackhub.model.Consent;
import org.winbackhub.model.Contact;
import org.winbackhub.model.ContactEvent;
import org.winbackhub.model.EventType;
import org.winbackhub.model.OrderDetails;
import org.winbackhub.model.OutboxMessage;
import org.winbackhub.offer.OfferPools;
import org.winbackhub.store.CouponListing;
import org.winbackhub.store.CouponRepository;
import org.winbackhub.store.Database;
import org.winbackhub.store.EventRepository;
import org.winbackhub.store.TestContacts;
import org.winbackhub.store.TestMessages;
import org.winbackhub.store.TestStores;
import org.winbackhub.tracking.LinkTargets;
import org.winbackhub.tracking.TrackingToken;

/**
 * Personal fields in a rendered email (HTML escaped, text as it is) and in an SMS's text, each with
 * and without its value: a missing one shows its fallback, and a coupon code is never empty.
 */
class PersonalRenderingStoreIT {
  static final Instant NOW = Instant.parse("2026-03-02T10:00:00Z");
  static final ZoneId MADRID = ZoneId.of("Europe/Madrid");
  static final String FIELDS =
      "Hola {{first_name|amigo}} {{last_name|}}: {{last_product|tu compra}}, hace"
          + " {{days_since_purchase|muchos}} días. {{offer|Una sorpresa}}:"
          + " {{coupon_code|SIN-CODIGO}} ({{email}})";

  @TempDir Path templates;
  HikariDataSource ds;
  Database db;
  EventRepository events;
  CouponRepository coupons;
  PersonalFields fields;
  EmailComposer composer;
  int messages;

  @BeforeEach
  void store() throws Exception {
    ds = TestStores.h2();
    db = new Database(ds);
    events = new EventRepository(db);
    coupons = new CouponRepository(db);
    Files.writeString(
        templates.resolve("offers.yaml"),
        "pools:\n"
            + "  winback-10:\n"
            + "    text: \"10 % <en> tu compra\"\n"
            + "    generate: {prefix: WB10-}\n");
    Clock clock = Clock.fixed(NOW, MADRID);
    fields =
        new PersonalFields(
            events,
            new CouponIssuer(
                OfferPools.load(templates.resolve("offers.yaml")),
                coupons,
                CouponIssuer.Watch.NONE,
                clock),
            MADRID,
            clock);
    Files.createDirectories(templates.resolve("email"));
    Files.writeString(templates.resolve("email/all.html"), "<p>" + FIELDS + "</p>");
    Files.writeString(templates.resolve("email/all.txt"), FIELDS);
    Files.writeString(templates.resolve("email/bare-code.txt"), "Tu código: {{coupon_code}}");
    composer =
        new EmailComposer(
            new TemplateStore(templates),
            new TrackingToken("a-test-secret-that-is-long-enough-0123456789"),
            new LinkTargets("http://hub.test", Map.of()),
            "Tienda <hola@tienda.example>",
            fields,
            null);
  }

  @AfterEach
  void close() {
    ds.close();
  }

  @Test
  void every_field_with_a_value_is_shown_escaped_in_html_and_as_it_is_in_text() {
    Contact ana = contact("ana@example.com", "Ana <b>", "O'Neil");
    purchase(ana, "purchase:1", NOW.minus(45, ChronoUnit.DAYS), "Taza \"grande\" & plato");
    // the latest purchase names no items: it dates the purchase, the one before names the product
    purchase(ana, "purchase:2", Instant.parse("2026-02-20T23:30:00Z"), null);

    EmailMessage mail = composer.compose(message(ana, "email/all", "winback-10"), ana);

    String code = new CouponListing(db).forContact(ana.id()).get(0).code();
    assertThat(code).startsWith("WB10-");
    // 2026-02-21 00:30 in Madrid to 2026-03-02: 9 calendar days
    assertThat(mail.text())
        .isEqualTo(
            "Hola Ana <b> O'Neil: Taza \"grande\" & plato, hace 9 días. 10 % <en> tu compra: "
                + code
                + " (ana@example.com)");
    assertThat(mail.html())
        .isEqualTo(
            "<p>Hola Ana &lt;b&gt; O&#39;Neil: Taza &quot;grande&quot; &amp; plato, hace 9 días. 10"
                + " % &lt;en&gt; tu compra: "
                + code
                + " (ana@example.com)</p>");
  }

  @Test
  void a_field_without_a_value_shows_its_fallback() {
    Contact nobody = contact("nadie@example.com", null, null);
    EmailMessage mail = composer.compose(message(nobody, "email/all", null), nobody);
    assertThat(mail.text())
        .isEqualTo(
            "Hola amigo : tu compra, hace muchos días. Una sorpresa: SIN-CODIGO"
                + " (nadie@example.com)");
    assertThat(new CouponListing(db).forContact(nobody.id()))
        .as("no offer, no code given")
        .isEmpty();

    // bought, but no purchase names its items: the product's fallback, the days are known
    purchase(nobody, "purchase:9", NOW.minus(3, ChronoUnit.DAYS), null);
    assertThat(composer.compose(message(nobody, "email/all", null), nobody).text())
        .contains(": tu compra, hace 3 días.");
  }

  @Test
  void a_message_without_an_offer_never_shows_an_empty_code() {
    Contact ana = contact("ana@example.com", "Ana", null);
    OutboxMessage noOffer = message(ana, "email/bare-code", null);
    assertThatThrownBy(() -> composer.compose(noOffer, ana))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(
            "template email/bare-code shows {{coupon_code}} without a fallback, and message "
                + noOffer.id()
                + " offers no coupon pool: its step needs an offer");

    EmailMessage withOffer = composer.compose(message(ana, "email/bare-code", "winback-10"), ana);
    assertThat(withOffer.text()).matches("Tu código: WB10-[2-9A-HJ-NP-Z]{9}");
  }

  @Test
  void an_sms_text_gets_the_same_fields_unescaped_with_the_contact_s_email() {
    Contact ana = contact("ana@example.com", "Ana & Co", null);
    OutboxMessage sms =
        TestMessages.queue(
            db, "sms-1", ana.id(), Channel.SMS, "+34612345678", "sms/x", "winback-10", NOW);
    String template = "{{first_name|Hola}}: {{offer}} con {{coupon_code}} ({{email}})";
    TemplateRenderer renderer = new TemplateRenderer();
    Map<String, String> values = fields.values(sms, ana, renderer.placeholders(template));
    String text = renderer.render(template, values, name -> "", false);
    assertThat(text)
        .isEqualTo(
            "Ana & Co: 10 % <en> tu compra con "
                + new CouponListing(db).forContact(ana.id()).get(0).code()
                + " (ana@example.com)");
    assertThat(fields.values(sms, ana, Set.of("first_name"))).doesNotContainKey("coupon_code");
  }

  private Contact contact(String email, String first, String last) {
    long id =
        TestContacts.insert(
                db, NOW, new Contact(0, email, null, first, last, Consent.GRANTED, Consent.UNKNOWN))
            .get(0);
    return new Contact(id, email, null, first, last, Consent.GRANTED, Consent.UNKNOWN);
  }

  private void purchase(Contact c, String id, Instant at, String title) {
    OrderDetails order =
        title == null
            ? null
            : new OrderDetails(
                List.of(new OrderDetails.Item("SKU-1", title, 1, new BigDecimal("9.90"))),
                List.of(),
                null);
    events.append(
        c.id(),
        new ContactEvent(
            "shop", id, EventType.PURCHASE, at, new BigDecimal("9.90"), "EUR", null, order),
        NOW);
  }

  private OutboxMessage message(Contact c, String template, String offer) {
    return TestMessages.queue(
        db, "k" + (++messages), c.id(), Channel.EMAIL, c.email(), template, offer, NOW);
  }
}
