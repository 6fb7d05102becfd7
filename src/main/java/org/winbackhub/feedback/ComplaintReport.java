package org.winbackhub.feedback;

import jakarta.mail.MessagingException;
import jakarta.mail.Part;
import jakarta.mail.internet.InternetHeaders;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * A complaint from a mailbox provider's feedback loop in the Abuse Reporting Format (RFC 5965): a
 * multipart/report of report-type feedback-report whose message/feedback-report part gives the
 * {@code Feedback-Type} (abuse, fraud, virus, other, not-spam, auth-failure), and the complained-of
 * message's recipient and {@code Message-ID}. The recipient is {@code Original-Rcpt-To} when the
 * provider gives it, otherwise the original message's {@code To}; many providers redact both, and
 * then the {@code Message-ID} is what ties the complaint to its outbox row.
 *
 * <p>"not-spam" is a report that a message is wanted; {@link #isComplaint()} is false for it.
 */
public record ComplaintReport(
    String feedbackType,
    List<String> originalRcptTo,
    String originalTo,
    String originalMessageId,
    String userAgent) {

  public ComplaintReport {
    originalRcptTo = List.copyOf(originalRcptTo);
  }

  /** The report in a raw message, or empty when it is not an ARF report. */
  public static Optional<ComplaintReport> parse(byte[] raw) {
    return parse(ReportParts.parse(raw));
  }

  /** The report in a parsed message, or empty when it is not an ARF report. */
  public static Optional<ComplaintReport> parse(MimeMessage message) {
    try {
      List<Part> parts = ReportParts.parts(message);
      Optional<Part> report = ReportParts.first(parts, "message/feedback-report");
      if (report.isEmpty()) {
        return Optional.empty();
      }
      List<InternetHeaders> blocks = ReportParts.fieldBlocks(report.get());
      if (blocks.isEmpty()) {
        return Optional.empty();
      }
      InternetHeaders fields = blocks.get(0);
      String type = ReportParts.field(fields, "Feedback-Type");
      if (type == null) {
        return Optional.empty();
      }
      String[] rcpts = fields.getHeader("Original-Rcpt-To");
      List<String> rcptTo =
          rcpts == null
              ? List.of()
              : Arrays.stream(rcpts).map(ReportParts::address).filter(Objects::nonNull).toList();
      Optional<InternetHeaders> original = ReportParts.originalHeaders(parts);
      return Optional.of(
          new ComplaintReport(
              type.toLowerCase(Locale.ROOT),
              rcptTo,
              original.map(h -> ReportParts.field(h, "To")).orElse(null),
              original.map(h -> ReportParts.field(h, "Message-ID")).orElse(null),
              ReportParts.field(fields, "User-Agent")));
    } catch (MessagingException | IOException e) {
      throw new IllegalArgumentException(
          "the complaint report cannot be read: " + e.getMessage(), e);
    }
  }

  /** False only for "not-spam", a report that the message was wanted. */
  public boolean isComplaint() {
    return !"not-spam".equals(feedbackType);
  }

  /** As logs may show it: no address. */
  @Override
  public String toString() {
    return "ARF " + feedbackType + " about " + originalMessageId;
  }
}
