package org.winbackhub.intake;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.winbackhub.model.ContactEvent;
import org.winbackhub.model.EventType;
import org.winbackhub.model.OrderDetails;
import org.winbackhub.store.CouponRepository;
import org.winbackhub.store.EventRepository;

/**
 * Ties the coupon codes a batch's orders used back to the codes the hub gave: each discount code of
 * a purchase redeems the coupon of that code (compared in upper case), with the order's time,
 * reference ({@code source:external id}) and contact, in the batch's transaction. The earliest
 * order redeems a code; an order read again changes nothing.
 */
final class CouponRedemptions {
  private final CouponRepository coupons;

  CouponRedemptions(CouponRepository coupons) {
    this.coupons = coupons;
  }

  /** Redeems the coupons the purchases among {@code events} used; returns how many. */
  int record(Connection c, List<EventRepository.Owned> events) throws SQLException {
    List<CouponRepository.Redemption> used = new ArrayList<>();
    for (EventRepository.Owned o : events) {
      ContactEvent e = o.event();
      if (e.type() != EventType.PURCHASE || e.order() == null) {
        continue;
      }
      for (OrderDetails.DiscountCode d : e.order().discountCodes()) {
        if (d.code() != null && !d.code().isBlank()) {
          used.add(
              new CouponRepository.Redemption(
                  d.code(), e.source() + ":" + e.externalId(), o.contactId(), e.occurredAt()));
        }
      }
    }
    used.sort(Comparator.comparing(CouponRepository.Redemption::at));
    return coupons.redeem(c, used);
  }
}
