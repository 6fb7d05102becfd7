package org.winbackhub.feedback;

import org.winbackhub.model.Channel;
import org.winbackhub.model.Masked;
import org.winbackhub.model.OutboxMessage;

/**
 * The pages of {@code /u/TOKEN}: plain HTML that works without JavaScript or styles, one form with
 * one button. The address is shown masked: whoever holds the link sees whose it is, no more.
 */
public record UnsubscribePage(int status, String html) {

  static UnsubscribePage confirm(OutboxMessage m) {
    return new UnsubscribePage(
        200,
        page(
            "Unsubscribe",
            "<p>Stop receiving our "
                + what(m)
                + " at <strong>"
                + escape(address(m))
                + "</strong>?</p>\n"
                + "<form method=\"post\">\n"
                + "<input type=\"hidden\" name=\"List-Unsubscribe\" value=\"One-Click\">\n"
                + "<button type=\"submit\">Unsubscribe</button>\n"
                + "</form>\n"
                + "<p>Nothing changes until you press the button.</p>"));
  }

  static UnsubscribePage done(OutboxMessage m) {
    return new UnsubscribePage(
        200,
        page(
            "You are unsubscribed",
            "<p role=\"status\"><strong>"
                + escape(address(m))
                + "</strong> will get no more of our "
                + what(m)
                + ".</p>"));
  }

  static UnsubscribePage notFound() {
    return new UnsubscribePage(
        404,
        page(
            "Link not valid",
            "<p>This unsubscribe link is not valid. Use the link in the message you received, as"
                + " it is.</p>"));
  }

  private static String what(OutboxMessage m) {
    return m.channel() == Channel.EMAIL ? "marketing emails" : "marketing text messages";
  }

  private static String address(OutboxMessage m) {
    return m.channel() == Channel.EMAIL ? Masked.email(m.recipient()) : Masked.phone(m.recipient());
  }

  private static String page(String title, String body) {
    return "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        + "<meta name=\"robots\" content=\"noindex\">\n<title>"
        + title
        + "</title>\n"
        + "<style>body{font:1.1rem/1.5 system-ui,sans-serif;max-width:34rem;margin:3rem"
        + " auto;padding:0 1rem;color:#111;background:#fff}button{font:inherit;padding:.6rem"
        + " 1.4rem;border:2px solid"
        + " #111;border-radius:.3rem;background:#111;color:#fff;cursor:pointer}button:focus{outline:3px"
        + " solid #0a58ca;outline-offset:2px}</style>\n"
        + "</head>\n"
        + "<body>\n"
        + "<main>\n"
        + "<h1>"
        + title
        + "</h1>\n"
        + body
        + "\n</main>\n</body>\n</html>\n";
  }

  private static String escape(String s) {
    return s == null
        ? ""
        : s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }
}
