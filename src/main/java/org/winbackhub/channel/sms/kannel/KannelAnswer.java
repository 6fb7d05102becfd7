package org.winbackhub.channel.sms.kannel;

import org.winbackhub.channel.HttpFailure;
import org.winbackhub.channel.ProviderFailure;
import org.winbackhub.channel.SendFailure;
import org.winbackhub.channel.sms.AnswerText;
import org.winbackhub.model.Masked;

/**
 * What Kannel's answer to an SMS push means (Kannel user's guide, "SMS Push reply codes"): {@code
 * 202 "0: Accepted for delivery"} and {@code 202 "3: Queued for later delivery"} are acceptances
 * (Kannel gives no message id: the delivery report carries the hub's own token); {@code 503
 * "Temporal failure, try again later."} is tried again; any other 4xx means the request or the
 * gateway's configuration makes the message undeliverable ("Not routable. Do not try again.",
 * "Missing receiver number, rejected", a number denied by a white or black list): failed for good,
 * except {@code 403 "Authorization failed for sendsms"}, the hub's credentials refused, which is
 * tried again once they are fixed.
 */
public final class KannelAnswer {
  private KannelAnswer() {}

  /**
   * Null on an acceptance (Kannel has no message id to give); a {@link ProviderFailure} for
   * anything else.
   */
  public static String messageId(int status, String body, String retryAfter) {
    String text = body == null ? "" : body.strip();
    if (status >= 200 && status < 300) {
      return null;
    }
    String why = "kannel " + status + ": " + Masked.within(AnswerText.excerpt(text));
    if (status == 403 && text.startsWith("Authorization failed")) {
      throw new ProviderFailure(SendFailure.retry(why));
    }
    throw new ProviderFailure(HttpFailure.status(status, why, retryAfter));
  }
}
