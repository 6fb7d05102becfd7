package org.winbackhub.model;

import java.util.Locale;

/** The kinds of thing that happen to a contact; stored by {@link #code()}. */
public enum EventType {
  SIGNUP,
  PURCHASE,
  /** Money given back on a purchase; its amount is positive. Facts count purchases only. */
  REFUND,
  VISIT,
  COMPLAINT,
  /** A call, meeting or task logged in a CRM (Salesforce LastActivityDate). */
  ACTIVITY,
  /** A customer signed in to the shop or app. */
  LOGIN,
  EMAIL_SENT,
  /** The receiving server took it (a provider's delivery event). */
  EMAIL_DELIVERED,
  EMAIL_OPENED,
  EMAIL_CLICKED,
  EMAIL_BOUNCED,
  /** A spam complaint (an ARF report, a provider's spamreport event). */
  EMAIL_COMPLAINED,
  EMAIL_UNSUBSCRIBED,
  SMS_SENT,
  /** A delivery report said it reached the handset. */
  SMS_DELIVERED,
  /** A delivery report said it never will (expired, rejected, undeliverable). */
  SMS_UNDELIVERED,
  SMS_CLICKED,
  /** An opt-out reply (STOP and its equivalents). */
  SMS_STOP,
  /** An opt-in reply (START) after an opt-out. */
  SMS_START;

  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Accepts the stored code, any case; null when unknown. */
  public static EventType fromCode(String code) {
    if (code == null) {
      return null;
    }
    try {
      return valueOf(code.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
