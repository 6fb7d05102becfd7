package org.winbackhub.store;

import java.math.BigDecimal;

/**
 * The widths of the store's columns that input fields are written to (V1__store.sql,
 * V5__source_owner.sql): a value must be checked against them before it is written, so that one
 * long value is a refused field instead of a failed batch.
 */
public final class ColumnSizes {
  private ColumnSizes() {}

  /** contact.first_name, contact.last_name */
  public static final int NAME = 200;

  /** contact.email */
  public static final int EMAIL = 320;

  /** contact.phone */
  public static final int PHONE = 20;

  /** source_ref.owner */
  public static final int OWNER = 100;

  /** source_ref.external_id and contact_event.external_id */
  public static final int EXTERNAL_ID = 200;

  /** the largest amount NUMERIC(14, 2) holds (contact_event.amount, discount_amount) */
  public static final BigDecimal MAX_AMOUNT = new BigDecimal("999999999999.99");
}
