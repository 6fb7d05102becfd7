package org.winbackhub.channel;

/**
 * A provider's answer that was not an acceptance, as an exception the channel route catches: the
 * provider's rules classified it ({@link SendFailure}), the ledger records it.
 */
public final class ProviderFailure extends RuntimeException {
  private final transient SendFailure failure;

  public ProviderFailure(SendFailure failure) {
    super(failure.why(), null, false, false);
    this.failure = failure;
  }

  public SendFailure failure() {
    return failure;
  }

  /** The provider failure in {@code error}'s causes, or null. */
  public static ProviderFailure in(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof ProviderFailure p) {
        return p;
      }
    }
    return null;
  }
}
