package org.winbackhub.model;

/** Per-channel consent. The most restrictive state wins when sources disagree. */
public enum Consent {
  UNKNOWN,
  GRANTED,
  OPTED_OUT;

  /** The state to keep when another source reports {@code other}. */
  public Consent strictest(Consent other) {
    if (this == OPTED_OUT || other == OPTED_OUT) {
      return OPTED_OUT;
    }
    return this == GRANTED || other == GRANTED ? GRANTED : UNKNOWN;
  }
}
