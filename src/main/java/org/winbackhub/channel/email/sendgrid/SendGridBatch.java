package org.winbackhub.channel.email.sendgrid;

import java.util.List;
import java.util.Map;
import org.winbackhub.channel.email.EmailMessage;
import org.winbackhub.model.OutboxMessage;

/**
 * Messages that go to SendGrid in one {@code mail/send} request: one personalization each, in this
 * order. Either they share one content with tags ({@code html}, {@code text}) and each carries its
 * values as {@code substitutions}, or it is a single message whose content goes whole.
 */
public record SendGridBatch(List<Entry> entries, String from, String html, String text) {

  /** One message: its outbox row, its rendering, and its values of the shared content's tags. */
  public record Entry(OutboxMessage row, EmailMessage email, Map<String, String> substitutions) {}

  public int size() {
    return entries.size();
  }

  public List<OutboxMessage> rows() {
    return entries.stream().map(Entry::row).toList();
  }

  /** The same content for the entries still held (those whose claim was lost are left out). */
  public SendGridBatch only(List<OutboxMessage> held) {
    List<Long> ids = held.stream().map(OutboxMessage::id).toList();
    return new SendGridBatch(
        entries.stream().filter(e -> ids.contains(e.row().id())).toList(), from, html, text);
  }
}
