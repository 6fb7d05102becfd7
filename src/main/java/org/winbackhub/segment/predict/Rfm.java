package org.winbackhub.segment.predict;

/**
 * One customer's purchase history as BG/NBD and Gamma-Gamma see it, in the fit's time unit: {@code
 * x} repeat purchases (purchase days after the first; several purchases on one day count once),
 * {@code tx} the time from the first to the last purchase, {@code T} the time from the first
 * purchase to the end of the calibration period, and the mean value of the repeat purchases (NaN
 * when there are none or no amounts).
 */
public record Rfm(String customerId, int x, double tx, double T, double meanSpend) {
  public Rfm {
    if (x < 0 || tx < 0 || T < tx) {
      throw new IllegalArgumentException(
          "customer "
              + customerId
              + ": need x >= 0 and 0 <= t_x <= T, got x="
              + x
              + " t_x="
              + tx
              + " T="
              + T);
    }
  }
}
