package org.winbackhub.intake.loyalty.camel;

import java.io.File;
import org.winbackhub.intake.camel.SourceHealth;
import org.winbackhub.intake.loyalty.LoyaltyFileIntake;

/**
 * What the loyalty-files route calls: takes a file in and tells the source's health. A file that is
 * refused or fails leaves the source DEGRADED (the route moves it to failed/, or retries it when
 * the failure may pass); a later file that loads rows makes it UP again. Empty and duplicate files
 * change nothing.
 */
public final class LoyaltyFiles {
  private final LoyaltyFileIntake intake;
  private final SourceHealth health;

  public LoyaltyFiles(LoyaltyFileIntake intake, SourceHealth health) {
    this.intake = intake;
    this.health = health;
    health.expect(intake.source());
  }

  public LoyaltyFileIntake.FileReport process(File file) {
    try {
      LoyaltyFileIntake.FileReport report = intake.process(file);
      if (report.loaded() > 0) {
        health.succeeded(intake.source());
      }
      return report;
    } catch (LoyaltyFileIntake.RefusedFileException e) {
      LoyaltyFileIntake.FileReport r = e.report();
      health.degraded(
          intake.source(),
          "file "
              + r.file()
              + " moved to the failed folder: all "
              + r.lines()
              + " lines were rejected");
      throw e;
    } catch (IllegalArgumentException e) {
      health.degraded(
          intake.source(),
          "file " + file.getName() + " moved to the failed folder: " + e.getMessage());
      throw e;
    } catch (RuntimeException e) {
      health.degraded(
          intake.source(),
          "file "
              + file.getName()
              + " not taken in ("
              + e.getClass().getSimpleName()
              + "; retried, then moved to the failed folder)");
      throw e;
    }
  }
}
