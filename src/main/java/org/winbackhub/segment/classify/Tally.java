package org.winbackhub.segment.classify;

/**
 * What a run did: contacts recomputed from their events, rows rechecked as time passed, contacts
 * that entered a segment.
 */
record Tally(int recomputed, int rechecked, int entered) {
  static final Tally NONE = new Tally(0, 0, 0);

  /**
   * From one set of contacts: {@code kept} stays taken out, {@code closed} of them ended in the
   * history, {@code written} new rows. The contacts that entered a segment are those that ended a
   * stay and those without one before: closed + written - kept.
   */
  static Tally of(int recomputed, int rechecked, int written, int closed, int kept) {
    return new Tally(recomputed, rechecked, closed + written - kept);
  }

  Tally plus(Tally o) {
    return new Tally(recomputed + o.recomputed, rechecked + o.rechecked, entered + o.entered);
  }
}
