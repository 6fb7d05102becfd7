package org.winbackhub.intake.salesforce;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads what Salesforce answers into rows for the mapping: a REST query page (JSON with {@code
 * records}, {@code done}, {@code nextRecordsUrl}) or a Bulk API 2.0 query result (CSV). Field names
 * become lower case; a parent's fields ({@code "Account": {"Name": ...}} in JSON, an {@code
 * Account.Name} column in CSV) become {@code account.name}.
 */
public final class SalesforceResults {
  private static final ObjectMapper JSON = new ObjectMapper();

  private SalesforceResults() {}

  /**
   * One query page read: the URL of the next page (null after the last) and the query's total size.
   */
  public record Page(String next, long totalSize) {}

  /** Hands each record of a query page to {@code rows}. */
  public static Page queryPage(InputStream body, Consumer<Map<String, Object>> rows) {
    JsonNode page;
    try (body) {
      page = JSON.readTree(body);
    } catch (IOException e) {
      throw new UncheckedIOException("Salesforce answered a query with unreadable JSON", e);
    }
    JsonNode records = page.path("records");
    if (!records.isArray()) {
      List<String> keys = new ArrayList<>();
      page.fieldNames().forEachRemaining(keys::add);
      throw new IllegalStateException(
          "Salesforce answered a query without records (fields " + keys + ")");
    }
    for (JsonNode record : records) {
      Map<String, Object> row = new HashMap<>();
      flatten("", record, row);
      rows.accept(row);
    }
    boolean done = page.path("done").asBoolean(true);
    String next = page.path("nextRecordsUrl").asText(null);
    return new Page(
        done || next == null || next.isBlank() ? null : next, page.path("totalSize").asLong(-1));
  }

  /** Hands each line of a Bulk API 2.0 CSV result to {@code rows}; empty cells are null. */
  public static long bulkCsv(InputStream body, Consumer<Map<String, Object>> rows) {
    try (Reader in = new InputStreamReader(body, StandardCharsets.UTF_8);
        CSVParser csv =
            CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).build().parse(in)) {
      String[] names =
          csv.getHeaderNames().stream().map(n -> n.toLowerCase(Locale.ROOT)).toArray(String[]::new);
      long n = 0;
      for (CSVRecord line : csv) {
        Map<String, Object> row = new HashMap<>(names.length * 2);
        for (int i = 0; i < names.length && i < line.size(); i++) {
          String v = line.get(i);
          row.put(names[i], v.isEmpty() ? null : v);
        }
        rows.accept(row);
        n++;
      }
      return n;
    } catch (IOException e) {
      throw new UncheckedIOException("unreadable Bulk API 2.0 result", e);
    }
  }

  private static void flatten(String prefix, JsonNode record, Map<String, Object> row) {
    Iterator<Map.Entry<String, JsonNode>> fields = record.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> f = fields.next();
      if (f.getKey().equals("attributes")) {
        continue;
      }
      String name = prefix + f.getKey().toLowerCase(Locale.ROOT);
      JsonNode v = f.getValue();
      if (v.isObject()) {
        flatten(name + ".", v, row);
      } else if (v.isNull() || v.isMissingNode()) {
        row.put(name, null);
      } else if (v.isBoolean()) {
        row.put(name, v.booleanValue());
      } else if (v.isNumber()) {
        row.put(name, new BigDecimal(v.asText()));
      } else if (v.isArray()) {
        row.put(name, v.toString());
      } else {
        row.put(name, v.asText());
      }
    }
  }
}
