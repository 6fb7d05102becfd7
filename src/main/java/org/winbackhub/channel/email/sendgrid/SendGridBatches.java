package org.winbackhub.channel.email.sendgrid;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.winbackhub.channel.email.EmailComposer;
import org.winbackhub.channel.email.EmailMessage;
import org.winbackhub.model.OutboxMessage;

/**
 * How rendered messages become {@code mail/send} requests. The hub renders every message itself
 * (personal fields, tracked links that name the message), so no two are alike; but all copies of
 * one template are alike once each personal part is a tag ({@link EmailComposer#composeTagged}).
 * Messages whose tagged content is the same go in one request, the content once and each message's
 * values as its personalization's {@code substitutions}. A message that cannot be tagged, or whose
 * values are over SendGrid's 10,000 bytes of substitutions per personalization, goes whole in a
 * request of its own.
 */
public final class SendGridBatches {
  /** SendGrid's limit on a personalization's substitutions, keys and values together. */
  static final int MAX_SUBSTITUTION_BYTES = 10_000;

  /** A claimed row and what the composer made of it. */
  public record Composed(OutboxMessage row, EmailComposer.Tagged email) {}

  private SendGridBatches() {}

  public static List<SendGridBatch> group(List<Composed> composed) {
    Map<List<String>, List<SendGridBatch.Entry>> shared = new LinkedHashMap<>();
    List<SendGridBatch> batches = new ArrayList<>();
    for (Composed c : composed) {
      EmailComposer.Tagged t = c.email();
      EmailMessage m = t.message();
      if (t.tagged() && bytes(t.substitutions()) <= MAX_SUBSTITUTION_BYTES) {
        shared
            .computeIfAbsent(Arrays.asList(m.from(), t.html(), t.text()), k -> new ArrayList<>())
            .add(new SendGridBatch.Entry(c.row(), m, t.substitutions()));
      } else {
        batches.add(
            new SendGridBatch(
                List.of(new SendGridBatch.Entry(c.row(), m, Map.of())),
                m.from(),
                m.html(),
                m.text()));
      }
    }
    shared.forEach(
        (key, entries) ->
            batches.add(new SendGridBatch(entries, key.get(0), key.get(1), key.get(2))));
    return batches;
  }

  static int bytes(Map<String, String> substitutions) {
    int n = 0;
    for (Map.Entry<String, String> e : substitutions.entrySet()) {
      n += e.getKey().getBytes(StandardCharsets.UTF_8).length;
      n += e.getValue().getBytes(StandardCharsets.UTF_8).length;
    }
    return n;
  }
}
