package org.winbackhub.journey;

import org.winbackhub.config.ConfigValueException;

/**
 * One arm of a step's A/B test: its id (recorded on the outbox row), its share of the contacts in
 * percent, and what it sends differently from the step (template, subject, offer; unset: the
 * step's).
 */
public record Variant(String id, Integer share, String template, String subject, String offer) {
  public Variant {
    if (id == null || !id.matches("[a-z0-9][a-z0-9-]{0,31}")) {
      throw new ConfigValueException(
          "variants[].id: expected lower-case letters, digits and dashes (up to 32), got '"
              + id
              + "'");
    }
    if (share == null || share < 1 || share > 100) {
      throw new ConfigValueException(
          "variants[" + id + "].share: a whole percentage from 1 to 100, got " + share);
    }
    if (template != null && !template.matches("[a-z0-9][a-z0-9/_-]*")) {
      throw new ConfigValueException(
          "variants["
              + id
              + "].template: expected a template path such as sms/coupon-b, got '"
              + template
              + "'");
    }
    if (offer != null && !offer.matches("[a-z0-9][a-z0-9-]{0,63}")) {
      throw new ConfigValueException(
          "variants["
              + id
              + "].offer: expected a coupon pool name such as winback-20, got '"
              + offer
              + "'");
    }
  }
}
