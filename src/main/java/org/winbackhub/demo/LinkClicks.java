package org.winbackhub.demo;

import com.icegreen.greenmail.util.GreenMailUtil;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Clicks, over real HTTP, the tracked links of mail the demo's SMTP server received. */
final class LinkClicks {
  private static final Pattern LINK =
      Pattern.compile("(http://127\\.0\\.0\\.1:\\d+/t/c/[A-Za-z0-9_.-]+)");

  private LinkClicks() {}

  /**
   * Clicks the first tracked link of up to {@code n} received emails; returns (recipient, status,
   * location).
   */
  static List<String[]> clickSome(MimeMessage[] messages, int n) throws Exception {
    HttpClient http =
        HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    List<String[]> done = new ArrayList<>();
    for (int i = 0; i < messages.length && done.size() < n; i += Math.max(1, messages.length / n)) {
      MimeMessage m = messages[i];
      Optional<String> link = firstLink(m);
      if (link.isEmpty()) {
        continue;
      }
      HttpResponse<String> r =
          http.send(
              HttpRequest.newBuilder(URI.create(link.get())).GET().build(),
              HttpResponse.BodyHandlers.ofString());
      done.add(
          new String[] {
            m.getAllRecipients()[0].toString(),
            String.valueOf(r.statusCode()),
            r.headers().firstValue("Location").orElse("-")
          });
    }
    return done;
  }

  private static Optional<String> firstLink(MimeMessage m) throws Exception {
    String content = GreenMailUtil.getWholeMessage(m);
    Matcher matcher =
        LINK.matcher(content.replace("=\r\n", "").replace("=\n", "").replace("=3D", "="));
    return matcher.find() ? Optional.of(matcher.group(1)) : Optional.empty();
  }
}
