package org.winbackhub.intake.salesforce.camel;

import java.io.InputStream;
import java.util.regex.Pattern;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.salesforce.api.SalesforceException;
import org.apache.camel.component.salesforce.api.dto.RestError;
import org.apache.camel.component.salesforce.api.dto.bulkv2.JobStateEnum;
import org.apache.camel.component.salesforce.api.dto.bulkv2.OperationEnum;
import org.apache.camel.component.salesforce.api.dto.bulkv2.QueryJob;
import org.apache.camel.util.ObjectHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.winbackhub.intake.RowSource;
import org.winbackhub.intake.Watermark;
import org.winbackhub.intake.salesforce.SalesforceResults;

/**
 * The rows of a Salesforce org, through camel-salesforce (which logs in by the configured OAuth
 * flow and logs in again when a session expires). An incremental read is a SOQL query paged by
 * {@code nextRecordsUrl}; the first read of a stream, when bulk is on, is a Bulk API 2.0 query job
 * (created, polled until complete, its CSV results read by locator), without ORDER BY so that
 * Salesforce can chunk it, and therefore unordered. A query that names a delete marker (IsDeleted)
 * reads through queryAll, the only reads that return records deleted in the org.
 */
final class SalesforceRowSource implements RowSource {
  private static final Logger LOG = LoggerFactory.getLogger(SalesforceRowSource.class);
  private static final Pattern ORDER_BY = Pattern.compile("(?is)\\s+ORDER\\s+BY\\s+.*$");
  private static final Pattern WATERMARK = Pattern.compile("(?<!:):watermark\\b");

  private final ProducerTemplate template;
  private final String sourceId;
  private final String component;
  private final boolean bulkFirstLoad;
  private final long bulkPollMillis;
  private final int bulkPageSize;

  SalesforceRowSource(
      ProducerTemplate template,
      String sourceId,
      String component,
      boolean bulkFirstLoad,
      long bulkPollMillis,
      int bulkPageSize) {
    this.template = template;
    this.sourceId = sourceId;
    this.component = component;
    this.bulkFirstLoad = bulkFirstLoad;
    this.bulkPollMillis = bulkPollMillis;
    this.bulkPageSize = bulkPageSize;
  }

  @Override
  public boolean ordered(Watermark from) {
    return !bulk(from);
  }

  private boolean bulk(Watermark from) {
    return bulkFirstLoad && from.equals(Watermark.START);
  }

  @Override
  public void read(String query, Watermark from, Rows rows) {
    read(query, from, rows, false);
  }

  /**
   * Through queryAll (REST) and a queryAll job (Bulk API 2.0): only they return records deleted in
   * the org.
   */
  @Override
  public void readWithDeleted(String query, Watermark from, Rows rows) {
    read(query, from, rows, true);
  }

  private void read(String query, Watermark from, Rows rows, boolean withDeleted) {
    String soql = WATERMARK.matcher(query).replaceAll(from.soqlLiteral());
    try {
      if (bulk(from)) {
        bulkRead(
            ORDER_BY.matcher(soql).replaceFirst(""),
            rows,
            withDeleted ? OperationEnum.QUERY_ALL : OperationEnum.QUERY);
      } else {
        restRead(soql, rows, withDeleted ? "queryAll" : "query");
      }
    } catch (CamelExecutionException e) {
      throw failure(e.getCause() != null ? e.getCause() : e);
    }
  }

  /**
   * A query's pages; the next pages of a queryAll are read like any query's (Salesforce names them
   * query/...).
   */
  private void restRead(String soql, Rows rows, String operation) {
    InputStream body =
        template.requestBodyAndHeader(
            endpoint(operation), null, "sObjectQuery", soql, InputStream.class);
    SalesforceResults.Page page = SalesforceResults.queryPage(body, rows);
    rows.expect(page.totalSize());
    while (page.next() != null) {
      body =
          template.requestBodyAndHeader(
              endpoint("queryMore"), null, "sObjectQuery", page.next(), InputStream.class);
      page = SalesforceResults.queryPage(body, rows);
    }
  }

  private void bulkRead(String soql, Rows rows, OperationEnum operation) {
    QueryJob request = new QueryJob();
    request.setOperation(operation);
    request.setQuery(soql);
    QueryJob job =
        template.requestBody(component + ":bulk2CreateQueryJob", request, QueryJob.class);
    String id = job.getId();
    LOG.info("source {}: Bulk API 2.0 query job {} created for the first load", sourceId, id);
    while (job.getState() != JobStateEnum.JOB_COMPLETE) {
      if (job.getState() == JobStateEnum.FAILED || job.getState() == JobStateEnum.ABORTED) {
        throw new IllegalStateException(
            "source " + sourceId + ": Bulk API 2.0 query job " + id + " ended " + job.getState());
      }
      sleep();
      job =
          template.requestBodyAndHeader(
              component + ":bulk2GetQueryJob", null, "jobId", id, QueryJob.class);
    }
    if (job.getNumberRecordsProcessed() != null) {
      rows.expect(job.getNumberRecordsProcessed());
    }
    String locator = null;
    do {
      String current = locator;
      Exchange answer =
          template.request(
              component + ":bulk2GetQueryJobResults",
              e -> {
                e.getIn().setHeader("jobId", id);
                e.getIn().setHeader("maxRecords", bulkPageSize);
                if (current != null) {
                  e.getIn().setHeader("locator", current);
                }
              });
      if (answer.getException() != null) {
        throw new CamelExecutionException("Bulk API 2.0 results", answer, answer.getException());
      }
      SalesforceResults.bulkCsv(answer.getMessage().getBody(InputStream.class), rows);
      String next = answer.getMessage().getHeader("Sforce-Locator", String.class);
      locator = next == null || next.isBlank() || "null".equals(next) ? null : next;
    } while (locator != null);
  }

  private void sleep() {
    try {
      Thread.sleep(bulkPollMillis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(
          "source " + sourceId + ": interrupted while waiting for a Bulk API 2.0 job", e);
    }
  }

  private String endpoint(String operation) {
    return component + ":" + operation + "?rawPayload=true";
  }

  /**
   * Salesforce's own error codes in the message (REQUEST_LIMIT_EXCEEDED, ...), never record
   * content.
   */
  private RuntimeException failure(Throwable cause) {
    SalesforceException sf = ObjectHelper.getException(SalesforceException.class, cause);
    if (sf != null) {
      String codes =
          sf.getErrors() == null || sf.getErrors().isEmpty()
              ? "HTTP " + sf.getStatusCode()
              : sf.getErrors().stream()
                  .map(RestError::getErrorCode)
                  .distinct()
                  .reduce((a, b) -> a + ", " + b)
                  .orElse("");
      return new IllegalStateException(
          "source " + sourceId + ": Salesforce refused the request (" + codes + ")", sf);
    }
    return cause instanceof RuntimeException re
        ? re
        : new IllegalStateException("source " + sourceId + ": " + cause.getMessage(), cause);
  }
}
