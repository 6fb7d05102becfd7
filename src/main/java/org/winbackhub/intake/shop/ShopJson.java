package org.winbackhub.intake.shop;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import org.winbackhub.intake.FieldRules;
import org.winbackhub.intake.InvalidFieldException;

/**
 * Reads the values of Shopify's JSON as the mapper needs them: numeric ids, trimmed text, money
 * (sent as strings), ISO-8601 times with offset. A value that is there but unreadable is an {@link
 * InvalidFieldException} naming the field; a missing one is null.
 */
final class ShopJson {
  private ShopJson() {}

  static String id(JsonNode node, String field, String name) {
    JsonNode id = node.get(field);
    if (id == null || id.isNull() || id.asText().isBlank()) {
      throw new InvalidFieldException(
          name.contains(".") ? name : "id", "missing: every " + name + " needs its id");
    }
    if (!id.isIntegralNumber() && !id.asText().matches("\\d{1,20}")) {
      throw new InvalidFieldException(name.contains(".") ? name : "id", "expected a numeric id");
    }
    return id.asText();
  }

  static String text(JsonNode node, String field) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull() || v.isContainerNode()) {
      return null;
    }
    String s = v.asText().trim();
    return s.isEmpty() ? null : s;
  }

  static BigDecimal decimal(JsonNode node, String field) {
    return decimal(node, field, field);
  }

  /** Shopify sends money as strings ("598.94"); numbers are accepted too. */
  static BigDecimal decimal(JsonNode node, String field, String name) {
    String s = text(node, field);
    if (s == null) {
      return null;
    }
    try {
      return new BigDecimal(s);
    } catch (NumberFormatException e) {
      throw new InvalidFieldException(name, "not a number", FieldRules.shown(s));
    }
  }

  static Instant instant(JsonNode node, String field) {
    return instant(node, field, field);
  }

  static Instant instant(JsonNode node, String field, String name) {
    String s = text(node, field);
    if (s == null) {
      return null;
    }
    try {
      return OffsetDateTime.parse(s).toInstant();
    } catch (DateTimeParseException e) {
      throw new InvalidFieldException(
          name,
          "expected an ISO-8601 time with offset, e.g. 2024-10-01T12:30:00-04:00",
          FieldRules.shown(s));
    }
  }
}
