package org.winbackhub.demo;

import java.util.Map;

/**
 * Kannel's SMS push, {@code GET /cgi-bin/sendsms?username&password&to&text...} (Kannel user's
 * guide, "SMS Push reply codes"): a sendsms-user's name and password in the query, or 403
 * "Authorization failed for sendsms" (Kannel's answer to wrong credentials; it has no 401); no
 * receiver, 400 "Missing receiver number, rejected"; otherwise 202 "0: Accepted for delivery".
 * Kannel gives no message id. Each accepted request is one message.
 */
final class KannelPeer extends ProviderPeer {
  static final String PATH = "/cgi-bin/sendsms";

  private final String username;
  private final String password;

  KannelPeer(String username, String password) {
    super("kannel");
    this.username = username;
    this.password = password;
  }

  @Override
  Answer answer(Request r) {
    if (!r.path().equals(PATH)) {
      return Answer.text(404, "Unknown service");
    }
    // Kannel takes the variables of a GET's query or of a form POST
    Map<String, String> q = Request.form(r.method().equals("POST") ? r.body() : r.query());
    if (!same(q.get("username"), username) || !same(q.get("password"), password)) {
      return Answer.text(403, "Authorization failed for sendsms");
    }
    if (q.getOrDefault("to", "").isBlank()) {
      return Answer.text(400, "Missing receiver number, rejected");
    }
    took(1);
    return Answer.text(202, "0: Accepted for delivery");
  }
}
