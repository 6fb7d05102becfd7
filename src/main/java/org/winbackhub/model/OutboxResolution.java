package org.winbackhub.model;

/** What an operator decides about an UNCERTAIN outbox message, and the status it leads to. */
public enum OutboxResolution {
  /** It did not arrive: back to PENDING, to be claimed and sent again. */
  RESEND(OutboxStatus.PENDING),
  /** It arrived: SENT, with the contact's "sent" event. */
  MARK_SENT(OutboxStatus.SENT),
  /** Leave it: DROPPED, never sent. */
  DROP(OutboxStatus.DROPPED);

  private final OutboxStatus leadsTo;

  OutboxResolution(OutboxStatus leadsTo) {
    this.leadsTo = leadsTo;
  }

  public OutboxStatus leadsTo() {
    return leadsTo;
  }
}
