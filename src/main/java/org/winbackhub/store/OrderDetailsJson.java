package org.winbackhub.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import org.winbackhub.model.OrderDetails;

/**
 * An order's items and discount codes as the JSON text kept in contact_event, within the columns'
 * sizes: long titles are cut, and items that do not fit are left out (the first ones are kept).
 */
final class OrderDetailsJson {
  static final int ITEMS_MAX = 8000;
  static final int CODES_MAX = 1000;
  private static final int TITLE_MAX = 120;
  private static final ObjectMapper JSON = new ObjectMapper();

  private OrderDetailsJson() {}

  static String items(OrderDetails d) {
    if (d.items().isEmpty()) {
      return null;
    }
    List<OrderDetails.Item> items = new ArrayList<>();
    for (OrderDetails.Item i : d.items()) {
      String title =
          i.title() != null && i.title().length() > TITLE_MAX
              ? i.title().substring(0, TITLE_MAX)
              : i.title();
      items.add(new OrderDetails.Item(cut(i.sku(), 64), title, i.quantity(), i.price()));
    }
    return fitting(items, ITEMS_MAX);
  }

  static String discountCodes(OrderDetails d) {
    if (d.discountCodes().isEmpty()) {
      return null;
    }
    List<OrderDetails.DiscountCode> codes = new ArrayList<>();
    for (OrderDetails.DiscountCode c : d.discountCodes()) {
      codes.add(new OrderDetails.DiscountCode(cut(c.code(), 100), c.amount(), cut(c.type(), 32)));
    }
    return fitting(codes, CODES_MAX);
  }

  /** The title (else the SKU) of the first item of an items column that names one; or null. */
  static String firstTitle(String items) {
    if (items == null) {
      return null;
    }
    try {
      for (var item : JSON.readTree(items)) {
        for (String field : new String[] {"title", "sku"}) {
          var value = item.get(field);
          if (value != null && value.isTextual() && !value.asText().isBlank()) {
            return value.asText().strip();
          }
        }
      }
      return null;
    } catch (JsonProcessingException e) {
      return null; // written by this class; an unreadable one names no product
    }
  }

  private static String fitting(List<?> values, int max) {
    List<?> kept = values;
    while (true) {
      String text = write(kept);
      if (text.length() <= max || kept.isEmpty()) {
        return text;
      }
      kept = kept.subList(0, kept.size() - 1);
    }
  }

  private static String cut(String s, int max) {
    return s == null || s.length() <= max ? s : s.substring(0, max);
  }

  private static String write(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write order details as JSON", e);
    }
  }
}
