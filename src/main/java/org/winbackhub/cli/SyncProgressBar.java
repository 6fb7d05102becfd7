package org.winbackhub.cli;

import java.io.PrintStream;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.slf4j.LoggerFactory;
import org.winbackhub.intake.SyncProgress;
import org.winbackhub.intake.camel.SourceRuns;

/**
 * Sync's progress, one stream at a time: on a terminal a bar drawn by the progressbar library (rows
 * read, rows/s, and the time left when the source told how many rows it will read), otherwise a log
 * line every 10 s.
 */
final class SyncProgressBar implements SyncProgress {
  private final PrintStream terminal;
  private final int width;
  private final SourceRuns.ProgressLog log =
      new SourceRuns.ProgressLog(LoggerFactory.getLogger(SyncCommand.class), 10_000);
  private String stream;
  private ProgressBar bar;

  /** A bar on {@code terminal} (null: log lines), at most {@code width} characters wide. */
  SyncProgressBar(PrintStream terminal, int width) {
    this.terminal = terminal;
    this.width = width;
  }

  /** On the terminal the command runs on, as wide as it is; log lines when there is none. */
  static SyncProgressBar forConsole() {
    return new SyncProgressBar(System.console() != null ? System.err : null, 0);
  }

  @Override
  public synchronized void total(String s, long rows) {
    if (terminal == null) {
      log.total(s, rows);
      return;
    }
    start(s);
    bar.maxHint(rows);
  }

  @Override
  public synchronized void read(String s, long rows) {
    if (terminal == null) {
      log.read(s, rows);
      return;
    }
    start(s);
    bar.stepTo(rows);
  }

  private void start(String s) {
    if (s.equals(stream)) {
      return;
    }
    done();
    stream = s;
    ProgressBarBuilder builder =
        new ProgressBarBuilder()
            .setTaskName(s)
            .setInitialMax(-1)
            .setStyle(ProgressBarStyle.ASCII)
            .setUnit(" rows", 1)
            .showSpeed()
            .setUpdateIntervalMillis(250)
            .setConsumer(
                width > 0
                    ? new ConsoleProgressBarConsumer(terminal, width)
                    : new ConsoleProgressBarConsumer(terminal));
    bar = builder.build();
  }

  /** Draws the stream's last figures and ends its line. */
  synchronized void done() {
    if (bar != null) {
      bar.close();
    }
    bar = null;
    stream = null;
  }
}
