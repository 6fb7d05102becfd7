package org.winbackhub.model;

/** Where a contact stands, derived from its activity history. */
public enum Lifecycle {
  NEW,
  ACTIVE,
  AT_RISK,
  LAPSED,
  DORMANT,
  NEVER_ENGAGED
}
