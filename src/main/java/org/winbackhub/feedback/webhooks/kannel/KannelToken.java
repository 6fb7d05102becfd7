package org.winbackhub.feedback.webhooks.kannel;

import java.util.Optional;
import org.winbackhub.feedback.webhooks.WebhookVerdict;
import org.winbackhub.feedback.webhooks.WebhookVerdict.Status;
import org.winbackhub.tracking.TrackingToken;

/**
 * Verifies the signed token ({@code t}) that Kannel brings back on the URLs the hub gave it. Kannel
 * signs nothing itself, so the token is the whole proof:
 *
 * <ul>
 *   <li>delivery reports: the {@code dlr-url} of each send carries {@code t}, the {@link
 *       TrackingToken} of the outbox message with the link name {@value #REPORT_LINK} (what the SMS
 *       composer signs). The token names the message, so a report cannot be pointed at another one,
 *       and a click token of the message (another link name) is not a report token;
 *   <li>inbound messages (MO): Kannel's {@code sms-service} {@code get-url} is written once by the
 *       operator with {@link #inboundToken()} in it; that token is signed with a key derived for
 *       this purpose only, so no report or click token opens the inbound URL.
 * </ul>
 *
 * The HMAC-SHA256, the canonical Base64url and the constant-time comparison are TrackingToken's.
 */
public final class KannelToken {
  /** The link name of report tokens; the same word as {@code SmsComposer.REPORT_LINK}. */
  public static final String REPORT_LINK = "dlr";

  static final String INBOUND_PURPOSE = "kannel-mo";
  static final String INBOUND_LINK = "mo";
  static final String PARAM = "t";

  private final TrackingToken reports;
  private final TrackingToken inbound;

  public KannelToken(TrackingToken tokens) {
    this.reports = tokens;
    this.inbound = tokens.forPurpose(INBOUND_PURPOSE);
  }

  /** A verified delivery report token: the verdict, and the outbox message it names. */
  public record Report(WebhookVerdict verdict, long outboxId) {
    public boolean isAccepted() {
      return verdict.isAccepted();
    }
  }

  /** Checks the {@code t} of a delivery report; accepted with the outbox id it was signed for. */
  public Report verifyReport(String token) {
    if (token == null || token.isBlank()) {
      return new Report(missing(), -1);
    }
    Optional<TrackingToken.Claim> claim = reports.verify(token);
    if (claim.isEmpty() || !claim.get().link().equals(REPORT_LINK)) {
      return new Report(forged("delivery report"), -1);
    }
    return new Report(WebhookVerdict.accepted(), claim.get().messageId());
  }

  /** The token to write into Kannel's MO {@code get-url} as {@code t=...}. */
  public String inboundToken() {
    return inbound.sign(0, INBOUND_LINK);
  }

  /** Checks the {@code t} of an inbound message. */
  public WebhookVerdict verifyInbound(String token) {
    if (token == null || token.isBlank()) {
      return missing();
    }
    Optional<TrackingToken.Claim> claim = inbound.verify(token);
    return claim.isPresent()
            && claim.get().messageId() == 0
            && claim.get().link().equals(INBOUND_LINK)
        ? WebhookVerdict.accepted()
        : forged("inbound message");
  }

  private static WebhookVerdict missing() {
    return WebhookVerdict.refused(Status.MISSING, "query parameter " + PARAM + " is missing");
  }

  private static WebhookVerdict forged(String what) {
    return WebhookVerdict.refused(
        Status.BAD_SIGNATURE, "query parameter " + PARAM + " is not a valid " + what + " token");
  }
}
