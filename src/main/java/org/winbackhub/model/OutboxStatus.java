package org.winbackhub.model;

/** The life of one outbox row. */
public enum OutboxStatus {
  PENDING,
  /**
   * Claimed by a sender, not yet handed to the provider; back to PENDING when that sender stops or
   * its heartbeat goes stale.
   */
  CLAIMED,
  /** Being handed to the provider; UNCERTAIN when its sender dies meanwhile. */
  SENDING,
  SENT,
  /** Given up after the last retry. */
  FAILED,
  /** Not sent: the address or contact was suppressed or opted out when it was claimed. */
  SUPPRESSED,
  /** Not sent: the contact was archived (deleted in every source that knew it) while it waited. */
  WITHDRAWN,
  /**
   * Maybe sent: the send failed after the provider may have taken the message, or the sender died
   * mid-send. Never resent automatically; a late confirmation still makes it SENT, an operator
   * resolves it otherwise ({@link OutboxResolution}).
   */
  UNCERTAIN,
  /** An operator decided an UNCERTAIN message is not to be sent. Final. */
  DROPPED
}
