package org.winbackhub.model;

/** Why an address must not be messaged again. */
public enum SuppressionReason {
  UNSUBSCRIBED,
  STOP,
  HARD_BOUNCE,
  COMPLAINT,
  SUNSET
}
