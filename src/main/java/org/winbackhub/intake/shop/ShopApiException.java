package org.winbackhub.intake.shop;

/** The shop's API could not be read (down, refusing, or rate-limiting too long); the sync is retried. */
public class ShopApiException extends RuntimeException {
  public ShopApiException(String message) {
    super(message);
  }
}
