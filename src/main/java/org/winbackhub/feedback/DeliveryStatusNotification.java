package org.winbackhub.feedback;

import jakarta.mail.MessagingException;
import jakarta.mail.Part;
import jakarta.mail.internet.InternetHeaders;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A delivery status notification (RFC 3464) read from a bounce: for each recipient its address
 * ({@code Final-Recipient}), {@code Action}, RFC 3463 {@code Status} and {@code Diagnostic-Code},
 * and the {@code Message-ID} of the message that bounced, from the returned headers or message, so
 * the bounce can be tied to its outbox row. A 5.x.x status is a hard bounce (the address is
 * suppressed), 4.x.x a soft one (counted), 2.x.x no bounce at all (a delivery or relay report).
 *
 * <p>A message is a DSN when it is a multipart/report of report-type delivery-status, or carries a
 * message/delivery-status part anywhere in its tree; anything else (a reply, an auto-reply, a
 * bounce in no standard format) is {@link Optional#empty()}: the hub then does not guess from the
 * human-readable text.
 */
public record DeliveryStatusNotification(String originalMessageId, List<Recipient> recipients) {

  /** What a recipient's status means for the address. */
  public enum Severity {
    /** Permanent failure (5.x.x): suppress the address. */
    HARD,
    /** Transient failure (4.x.x): count it; suppress after the configured number. */
    SOFT,
    /** Success (2.x.x): delivered, relayed or expanded; nothing to do. */
    NONE
  }

  /** One recipient's block of the report. */
  public record Recipient(
      String finalRecipient,
      String action,
      String status,
      String diagnosticCode,
      Severity severity) {
    /** As logs may show it: no address. */
    @Override
    public String toString() {
      return action + " " + status + " (" + severity + ")";
    }
  }

  private static final Pattern STATUS = Pattern.compile("([245])\\.(\\d{1,3})\\.(\\d{1,3})");

  public DeliveryStatusNotification {
    recipients = List.copyOf(recipients);
  }

  /** The DSN in a raw message (as an IMAP mailbox holds it), or empty when it is none. */
  public static Optional<DeliveryStatusNotification> parse(byte[] raw) {
    return parse(ReportParts.parse(raw));
  }

  /** The DSN in a parsed message, or empty when it is none. */
  public static Optional<DeliveryStatusNotification> parse(MimeMessage message) {
    try {
      List<Part> parts = ReportParts.parts(message);
      Optional<Part> report = ReportParts.first(parts, "message/delivery-status");
      if (report.isEmpty()) {
        return Optional.empty();
      }
      List<InternetHeaders> blocks = ReportParts.fieldBlocks(report.get());
      List<Recipient> recipients = new ArrayList<>();
      // the first block holds the per-message fields; the rest one recipient each
      for (int i = 1; i < blocks.size(); i++) {
        recipients.add(recipient(blocks.get(i)));
      }
      if (recipients.isEmpty()) {
        return Optional.empty();
      }
      String messageId =
          ReportParts.originalHeaders(parts)
              .map(h -> ReportParts.field(h, "Message-ID"))
              .orElse(null);
      return Optional.of(new DeliveryStatusNotification(messageId, recipients));
    } catch (MessagingException | IOException e) {
      throw new IllegalArgumentException(
          "the delivery status notification cannot be read: " + e.getMessage(), e);
    }
  }

  /** The most severe outcome of all recipients: HARD before SOFT before NONE. */
  public Severity severity() {
    Severity worst = Severity.NONE;
    for (Recipient r : recipients) {
      if (r.severity() == Severity.HARD) {
        return Severity.HARD;
      }
      if (r.severity() == Severity.SOFT) {
        worst = Severity.SOFT;
      }
    }
    return worst;
  }

  private static Recipient recipient(InternetHeaders block) {
    String finalRecipient = ReportParts.address(ReportParts.field(block, "Final-Recipient"));
    String action = ReportParts.field(block, "Action");
    action = action == null ? null : action.toLowerCase(Locale.ROOT);
    String status = status(ReportParts.field(block, "Status"));
    String diagnostic = ReportParts.field(block, "Diagnostic-Code");
    if (status == null && diagnostic != null) {
      // a Status that is absent or unreadable: the enhanced code in the SMTP reply, if any
      status = status(diagnostic);
    }
    return new Recipient(finalRecipient, action, status, diagnostic, severity(status, action));
  }

  /** The first RFC 3463 code in a field (a Status field may carry a comment after it). */
  private static String status(String value) {
    if (value == null) {
      return null;
    }
    Matcher m = STATUS.matcher(value);
    return m.find() ? m.group() : null;
  }

  private static Severity severity(String status, String action) {
    if (status != null) {
      return switch (status.charAt(0)) {
        case '5' -> Severity.HARD;
        case '4' -> Severity.SOFT;
        default -> Severity.NONE;
      };
    }
    // no usable status: the action alone; a failure without a code is not taken as permanent
    if ("failed".equals(action) || "delayed".equals(action)) {
      return Severity.SOFT;
    }
    return Severity.NONE;
  }
}
