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
  EMAIL_OPENED,
  EMAIL_CLICKED,
  EMAIL_BOUNCED,
  EMAIL_UNSUBSCRIBED,
  SMS_SENT,
  SMS_CLICKED,
  SMS_STOP;

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
