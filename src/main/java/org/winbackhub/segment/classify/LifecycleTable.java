package org.winbackhub.segment.classify;

import static org.winbackhub.segment.classify.Expressions.num;
import static org.winbackhub.segment.classify.Expressions.plain;
import static org.winbackhub.segment.classify.Expressions.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.winbackhub.model.Lifecycle;
import org.winbackhub.segment.classify.Rules.Words;

/**
 * The lifecycle decision table as SQL: the ordered rules (condition, lifecycle, reason in words),
 * the first that holds decides, ACTIVE when none does.
 */
final class LifecycleTable {
  private final Expressions ex;
  private final Rules r;

  LifecycleTable(Expressions ex) {
    this.ex = ex;
    this.r = ex.rules();
  }

  /** The ordered rules: the first that holds decides. */
  private List<String[]> rules() {
    List<String[]> rules = new ArrayList<>();
    Words w = r.words();
    rules.add(
        new String[] {
          "last_activity_at IS NULL", Lifecycle.NEVER_ENGAGED.name(), text(w.neverEngaged())
        });
    rules.add(
        new String[] {
          ex.epoch("first_activity_at") + " >= " + Expressions.epoch(r.newSince()),
          Lifecycle.NEW.name(),
          text(w.isNew())
        });
    rules.add(
        new String[] {
          ex.epoch("last_activity_at") + " < " + Expressions.epoch(r.dormantBefore()),
          Lifecycle.DORMANT.name(),
          text(w.dormant())
        });
    String rhythm = "(" + ex.rhythm() + ")";
    String rhythmWords =
        " || CAST(CAST(FLOOR("
            + ex.gap()
            + ") AS INTEGER) AS VARCHAR) || ' days, over %s times their usual '"
            + " || CAST(CAST(ROUND("
            + rhythm
            + ") AS INTEGER) AS VARCHAR) || ' days between purchases ('"
            + " || CAST(purchase_days AS VARCHAR) || ' purchase days)'";
    rules.add(
        new String[] {
          ex.rhythmApplies() + " AND " + ex.gap() + " > " + num(r.rhythmLapsed()) + " * " + rhythm,
          Lifecycle.LAPSED.name(),
          "'no purchase for '" + String.format(Locale.ROOT, rhythmWords, plain(r.rhythmLapsed()))
        });
    rules.add(
        new String[] {
          ex.rhythmApplies() + " AND " + ex.gap() + " > " + num(r.rhythmAtRisk()) + " * " + rhythm,
          Lifecycle.AT_RISK.name(),
          "'no purchase for '" + String.format(Locale.ROOT, rhythmWords, plain(r.rhythmAtRisk()))
        });
    rules.add(
        new String[] {
          "NOT "
              + ex.rhythmApplies()
              + " AND "
              + ex.epoch("last_activity_at")
              + " < "
              + Expressions.epoch(r.lapsedBefore()),
          Lifecycle.LAPSED.name(),
          text(w.lapsed())
        });
    if (r.atRiskBefore() != null) {
      rules.add(
          new String[] {
            "NOT "
                + ex.rhythmApplies()
                + " AND "
                + ex.epoch("last_activity_at")
                + " < "
                + Expressions.epoch(r.atRiskBefore()),
            Lifecycle.AT_RISK.name(),
            text(w.atRisk())
          });
    }
    if (r.model() != null) {
      rules.add(
          new String[] {
            "(" + ex.pAlive() + ") < " + num(r.pAliveAtRisk()),
            Lifecycle.AT_RISK.name(),
            "'the purchase model gives a ' || CAST(CAST(ROUND(100 * ("
                + ex.pAlive()
                + ")) AS INTEGER) AS VARCHAR) || ' % chance they still buy (below "
                + plain(100 * r.pAliveAtRisk())
                + " %)'"
          });
    }
    return rules;
  }

  /** The number of the first rule that holds (0: none, so ACTIVE). */
  String ruleNumber() {
    StringBuilder sql = new StringBuilder("CASE");
    List<String[]> rules = rules();
    for (int i = 0; i < rules.size(); i++) {
      sql.append(" WHEN ").append(rules.get(i)[0]).append(" THEN ").append(i + 1);
    }
    return sql.append(" ELSE 0 END").toString();
  }

  String lifecycleByRule() {
    StringBuilder sql = new StringBuilder("CASE rule_no");
    List<String[]> rules = rules();
    for (int i = 0; i < rules.size(); i++) {
      sql.append(" WHEN ").append(i + 1).append(" THEN '").append(rules.get(i)[1]).append("'");
    }
    return sql.append(" ELSE '").append(Lifecycle.ACTIVE.name()).append("' END").toString();
  }

  String reasonByRule() {
    StringBuilder sql = new StringBuilder("CASE rule_no");
    List<String[]> rules = rules();
    for (int i = 0; i < rules.size(); i++) {
      sql.append(" WHEN ").append(i + 1).append(" THEN ").append(rules.get(i)[2]);
    }
    return sql.append(" ELSE ").append(text(r.words().active())).append(" END").toString();
  }
}
