package org.winbackhub.channel.email.sendgrid;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.winbackhub.channel.email.EmailComposer;
import org.winbackhub.channel.email.TemplateStore;
import org.winbackhub.channel.personal.PersonalFields;
import org.winbackhub.model.Channel;
import org.winbackhub.model.Consent;
import org.winbackhub.model.Contact;
import org.winbackhub.model.OutboxMessage;
import org.winbackhub.tracking.LinkTargets;
import org.winbackhub.tracking.TrackingToken;

/**
 * How rendered messages become SendGrid requests: one content with tags and each contact's values
 * as substitutions, which give back exactly the message the hub rendered for that contact.
 */
class SendGridBatchesTest {
  @TempDir Path templates;

  @Test
  void copies_of_one_template_share_one_request_and_their_substitutions_give_each_message_back()
      throws Exception {
    EmailComposer composer =
        composer(
            "<p>Hola {{first_name|cliente}} &amp; co, <a href=\"{{link:shop}}\">tienda</a></p>",
            "Hola {{first_name|cliente}}: {{link:shop}}");
    List<SendGridBatches.Composed> composed = new ArrayList<>();
    String[] names = {"Ana", "<b>Blas</b>", null};
    for (int i = 0; i < names.length; i++) {
      OutboxMessage m = message(i + 1, "c" + i + "@example.com");
      composed.add(new SendGridBatches.Composed(m, composer.composeTagged(m, contact(names[i]))));
    }
    List<SendGridBatch> batches = SendGridBatches.group(composed);
    assertThat(batches).hasSize(1);
    SendGridBatch batch = batches.get(0);
    assertThat(batch.size()).isEqualTo(3);
    for (SendGridBatch.Entry e : batch.entries()) {
      assertThat(apply(batch.html(), e.substitutions())).isEqualTo(e.email().html());
      assertThat(apply(batch.text(), e.substitutions())).isEqualTo(e.email().text());
    }
    assertThat(batch.entries().get(1).email().html()).contains("&lt;b&gt;Blas&lt;/b&gt;");
    assertThat(batch.entries().get(2).email().text()).startsWith("Hola cliente:");

    JsonNode json = new ObjectMapper().readTree(SendGridRequest.json(batch));
    assertThat(json.get("personalizations")).hasSize(3);
    JsonNode first = json.at("/personalizations/0");
    assertThat(first.at("/to/0/email").asText()).isEqualTo("c0@example.com");
    assertThat(first.at("/custom_args/outbox_id").asText()).isEqualTo("1");
    assertThat(first.at("/headers/List-Unsubscribe").asText())
        .startsWith("<https://hub.example.com/u/")
        .endsWith(">, <mailto:baja@tienda.example?subject=unsubscribe%20" + token(first) + ">");
    assertThat(first.at("/headers/List-Unsubscribe-Post").asText())
        .isEqualTo("List-Unsubscribe=One-Click");
    assertThat(json.at("/content/0/type").asText()).isEqualTo("text/plain");
    assertThat(json.at("/content/1/value").asText()).isEqualTo(batch.html());
    assertThat(json.at("/from/email").asText()).isEqualTo("hola@tienda.example");
  }

  @Test
  void a_message_that_cannot_share_its_content_goes_whole_in_a_request_of_its_own()
      throws Exception {
    // a template whose own text looks like a tag, and a value over SendGrid's 10,000 bytes
    EmailComposer literal = composer("<p>100%wb off, {{first_name}}</p>", null);
    EmailComposer plain = composer("<p>{{first_name}}</p>", null);
    OutboxMessage a = message(1, "a@example.com");
    OutboxMessage b = message(2, "b@example.com");
    List<SendGridBatch> batches =
        SendGridBatches.group(
            List.of(
                new SendGridBatches.Composed(a, literal.composeTagged(a, contact("Ana"))),
                new SendGridBatches.Composed(
                    b, plain.composeTagged(b, contact("x".repeat(10_001))))));
    assertThat(batches).hasSize(2);
    for (SendGridBatch batch : batches) {
      assertThat(batch.size()).isEqualTo(1);
      assertThat(batch.entries().get(0).substitutions()).isEmpty();
      assertThat(batch.html()).isEqualTo(batch.entries().get(0).email().html());
    }
  }

  private static String token(JsonNode p) {
    String h = p.at("/headers/List-Unsubscribe").asText();
    return h.substring(h.indexOf("/u/") + 3, h.indexOf('>'));
  }

  private static String apply(String content, Map<String, String> substitutions) {
    String out = content;
    for (Map.Entry<String, String> s : substitutions.entrySet()) {
      out = out.replace(s.getKey(), s.getValue());
    }
    return out;
  }

  private EmailComposer composer(String html, String text) throws Exception {
    Path dir = Files.createTempDirectory(templates, "t");
    Files.createDirectories(dir.resolve("email"));
    Files.writeString(dir.resolve("email/t.html"), html);
    if (text != null) {
      Files.writeString(dir.resolve("email/t.txt"), text);
    }
    return new EmailComposer(
        new TemplateStore(dir),
        new TrackingToken("0123456789abcdef0123456789abcdef"),
        new LinkTargets("https://hub.example.com", Map.of("shop", "https://shop.example.com/")),
        "Tienda Ejemplo <hola@tienda.example>",
        // only the names: no store to read purchases or give coupons from
        new PersonalFields(null, null, ZoneOffset.UTC, Clock.systemUTC()),
        "baja@tienda.example");
  }

  private static OutboxMessage message(long id, String to) {
    return new OutboxMessage(
        id,
        "k" + id,
        10 + id,
        "j",
        "s",
        Channel.EMAIL,
        to,
        "email/t",
        "Hola {{first_name}}",
        null,
        null,
        1);
  }

  private static Contact contact(String firstName) {
    return new Contact(0, null, null, firstName, null, Consent.GRANTED, Consent.GRANTED);
  }
}
