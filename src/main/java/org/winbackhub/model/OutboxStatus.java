package org.winbackhub.model;

/** The life of one outbox row. */
public enum OutboxStatus {
  PENDING,
  CLAIMED,
  SENT,
  /** Given up after the last retry. */
  FAILED,
  /** Not sent: the address or contact was suppressed or opted out when it was claimed. */
  SUPPRESSED,
  /** Claimed but never confirmed (the sender died mid-send); not resent automatically. */
  UNCERTAIN
}
