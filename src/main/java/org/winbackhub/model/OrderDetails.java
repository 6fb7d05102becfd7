package org.winbackhub.model;

import java.math.BigDecimal;
import java.util.List;

/**
 * What a purchase bought and which discounts it used: the items, the discount codes and the order's
 * total discount. Discount-driven buyers are told apart by these.
 */
public record OrderDetails(
    List<Item> items, List<DiscountCode> discountCodes, BigDecimal discountAmount) {

  /** One line of an order. Any field but {@code quantity} may be null. */
  public record Item(String sku, String title, int quantity, BigDecimal price) {}

  /** A discount code applied to an order; {@code type} as the shop names it (percentage, ...). */
  public record DiscountCode(String code, BigDecimal amount, String type) {}

  public OrderDetails {
    items = items == null ? List.of() : List.copyOf(items);
    discountCodes = discountCodes == null ? List.of() : List.copyOf(discountCodes);
  }
}
