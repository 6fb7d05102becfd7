package org.winbackhub.report;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.winbackhub.model.Rejection;
import org.winbackhub.store.FactRepository;
import org.winbackhub.store.PurchaseModelRepository;

/** A readable summary of what the hub holds and did, for the demo and the operator. */
public record CycleSummary(
    long contacts,
    long rejectedTotal,
    List<Rejection> rejected,
    Map<String, Long> lifecycles,
    Map<String, Long> outbox,
    long clicks,
    Map<String, Long> enrollments,
    List<FactRepository.TierInsight> tiers,
    PurchaseModelRepository.PurchaseModel model) {

  public String text() {
    StringBuilder sb = new StringBuilder();
    sb.append("=== Winback Hub summary ===\n");
    sb.append(String.format("contacts loaded:      %d%n", contacts));
    sb.append(String.format("rejected rows:        %d%n", rejectedTotal));
    for (Rejection r : rejected) {
      sb.append(
          String.format(
              "  - %s line %s (record %s): %s%n",
              fileName(r.location()),
              r.lineNo() == null ? "?" : r.lineNo(),
              r.recordKey() == null ? "-" : r.recordKey(),
              r.reason()));
    }
    sb.append(
        "contacts per tier:       contacts  mean score  worth winning back  we fixed it  email"
            + " sunset\n");
    for (var t : tiers) {
      sb.append(
          String.format(
              Locale.ROOT,
              "  %-22s %8d  %10.0f  %18d  %11d  %12d%n",
              t.lifecycle(),
              t.contacts(),
              t.meanScore(),
              t.worthWinning(),
              t.weFixedIt(),
              t.sunset()));
    }
    sb.append(
        model == null
            ? "purchase model:       not fitted (too few buyers)\n"
            : String.format(
                Locale.ROOT,
                "purchase model:       BG/NBD r=%.3f alpha=%.3f a=%.3f b=%.3f on %d buyers%s%n",
                model.r(),
                model.alpha(),
                model.a(),
                model.b(),
                model.customers(),
                model.spendP() == null
                    ? ""
                    : String.format(
                        Locale.ROOT,
                        "; Gamma-Gamma p=%.2f q=%.2f gamma=%.2f",
                        model.spendP(),
                        model.spendQ(),
                        model.spendGamma())));
    sb.append("messages per channel:\n");
    if (outbox.isEmpty()) {
      sb.append("  (none)\n");
    }
    outbox.forEach((k, v) -> sb.append(String.format("  %-14s %d%n", k, v)));
    sb.append(String.format("clicks:               %d%n", clicks));
    sb.append("journey outcomes:\n");
    enrollments.forEach((k, v) -> sb.append(String.format("  %-22s %d%n", k, v)));
    sb.append(String.format("reactivated:          %d%n", reactivated()));
    return sb.toString();
  }

  /** Contacts who bought again after being messaged (the control group counted apart). */
  public long reactivated() {
    return enrollments.getOrDefault("REACTIVATED", 0L);
  }

  public long sent(String channel) {
    return outbox.getOrDefault(channel + ":SENT", 0L);
  }

  private static String fileName(String location) {
    int slash = Math.max(location.lastIndexOf('/'), location.lastIndexOf('\\'));
    return slash >= 0 ? location.substring(slash + 1) : location;
  }
}
