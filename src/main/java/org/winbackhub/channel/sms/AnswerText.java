package org.winbackhub.channel.sms;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A provider's answer as the rules read it: as JSON (nothing where it is not), or quoted in a
 * message's last error (one line, at most 200 characters).
 */
public final class AnswerText {
  private static final int MAX = 200;
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The answer as JSON; a missing node when it is empty or not JSON. */
  public static JsonNode json(String body) {
    try {
      return body == null || body.isBlank() ? JSON.missingNode() : JSON.readTree(body);
    } catch (Exception notJson) {
      return JSON.missingNode();
    }
  }

  private AnswerText() {}

  public static String excerpt(String body) {
    if (body == null || body.isBlank()) {
      return "(no text)";
    }
    String line = body.strip().replaceAll("\\s+", " ");
    return line.length() > MAX ? line.substring(0, MAX) + "..." : line;
  }
}
