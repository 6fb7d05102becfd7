package org.winbackhub.intake.camel;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class SourceRunsTest {
  @Test
  void progress_lines_tell_rows_rate_and_what_is_left_when_the_total_is_known() throws Exception {
    Logger log = (Logger) LoggerFactory.getLogger("progress-test");
    ListAppender<ILoggingEvent> lines = new ListAppender<>();
    lines.start();
    log.addAppender(lines);
    SourceRuns.ProgressLog progress = new SourceRuns.ProgressLog(log, 0);

    progress.total("crm:contacts", 1000);
    Thread.sleep(20);
    progress.read("crm:contacts", 250);
    progress.read("crm:events:purchase:id", 10); // a new stream: no total known for it

    assertThat(lines.list)
        .extracting(ILoggingEvent::getFormattedMessage)
        .hasSize(2)
        .satisfies(
            l ->
                assertThat(l.get(0))
                    .matches("sync crm:contacts: 250 of 1000 rows, \\d+ rows/s, about \\d+ s left"))
        .satisfies(
            l -> assertThat(l.get(1)).matches("sync crm:events:purchase:id: 10 rows, \\d+ rows/s"));
  }
}
