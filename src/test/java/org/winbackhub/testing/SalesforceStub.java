package org.winbackhub.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A loopback Salesforce org for whole-app tests: answers the OAuth token endpoint (username-
 * password, client credentials and JWT bearer flows), SOQL query, queryAll and query-more, and the
 * Bulk API 2.0 query job lifecycle (query and queryAll jobs), with the payload shapes of
 * Salesforce's REST API documentation, including its errors (INVALID_SESSION_ID,
 * REQUEST_LIMIT_EXCEEDED). It understands the SOQL the hub's mappings use: a field list, one
 * object, conditions joined by AND on SystemModstamp (&gt;=, &gt;), equality and {@code != null},
 * and ORDER BY. A deleted record (IsDeleted true, as in the recycle bin) is returned by queryAll
 * only, as Salesforce does.
 */
public final class SalesforceStub implements AutoCloseable {
  static final String ORG_ID = "00D5g000004BbHpEAK";
  static final String USER_ID = "0055g00000A1b2cAAB";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final DateTimeFormatter SF_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ").withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter BULK_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
  private static final Pattern SOQL =
      Pattern.compile(
          "(?is)SELECT\\s+(.+?)\\s+FROM\\s+(\\w+)(?:\\s+WHERE\\s+(.+?))?(?:\\s+ORDER\\s+BY\\s+(\\w+)(?:\\s+ASC)?)?\\s*$");

  /** Which login the org accepts. */
  public record Credentials(
      String clientId, String clientSecret, String userName, String password, PublicKey jwtKey) {}

  private final HttpServer server;
  private final Credentials credentials;
  private final int pageSize;
  private final Map<String, List<Map<String, Object>>> objects = new ConcurrentHashMap<>();
  private final Map<String, List<ObjectNode>> cursors = new ConcurrentHashMap<>();
  private final Map<String, Job> jobs = new ConcurrentHashMap<>();
  private final AtomicInteger ids = new AtomicInteger();
  private volatile String token;
  public final AtomicInteger logins = new AtomicInteger();
  public final List<String> grants = new CopyOnWriteArrayList<>();
  public final List<String> queries = new CopyOnWriteArrayList<>();
  public final List<String> queryAlls = new CopyOnWriteArrayList<>();
  public final List<String> bulkQueries = new CopyOnWriteArrayList<>();
  public final List<String> bulkQueryAlls = new CopyOnWriteArrayList<>();
  public final AtomicInteger queryMores = new AtomicInteger();
  public final AtomicInteger bulkResultPages = new AtomicInteger();
  private final AtomicInteger limitExceeded = new AtomicInteger();

  private static final class Job {
    final String id;
    final String query;
    final String operation;
    final List<Map<String, Object>> rows;
    final List<String> fields;
    int polls;

    Job(
        String id,
        String query,
        String operation,
        List<String> fields,
        List<Map<String, Object>> rows) {
      this.id = id;
      this.query = query;
      this.operation = operation;
      this.fields = fields;
      this.rows = rows;
    }
  }

  public SalesforceStub(Credentials credentials, int pageSize) throws IOException {
    this.credentials = credentials;
    this.pageSize = pageSize;
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", this::handle);
    server.start();
  }

  public String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** Adds or replaces a record (by Id) of an object, changed now unless it says otherwise. */
  public void put(String object, Map<String, Object> fields) {
    Map<String, Object> record = new LinkedHashMap<>(fields);
    record.putIfAbsent("SystemModstamp", Instant.now());
    record.putIfAbsent("IsDeleted", false);
    List<Map<String, Object>> list =
        objects.computeIfAbsent(object, o -> new CopyOnWriteArrayList<>());
    list.removeIf(r -> r.get("Id").equals(record.get("Id")));
    list.add(record);
  }

  /**
   * Deletes a record as Salesforce does: to the recycle bin, IsDeleted true, SystemModstamp now.
   */
  public void delete(String object, String id) {
    deleted(object, id, true);
  }

  /** Restores a record from the recycle bin. */
  public void undelete(String object, String id) {
    deleted(object, id, false);
  }

  private void deleted(String object, String id, boolean deleted) {
    Map<String, Object> record =
        objects.get(object).stream().filter(r -> r.get("Id").equals(id)).findFirst().orElseThrow();
    Map<String, Object> changed = new LinkedHashMap<>(record);
    changed.put("IsDeleted", deleted);
    changed.put("SystemModstamp", Instant.now());
    put(object, changed);
  }

  /** Ends the current session: the next API call answers 401 INVALID_SESSION_ID. */
  public void expireSession() {
    token = "expired";
  }

  /** The next {@code n} API calls answer 403 REQUEST_LIMIT_EXCEEDED. */
  public void exceedLimits(int n) {
    limitExceeded.set(n);
  }

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      String path = ex.getRequestURI().getPath();
      if (path.equals("/services/oauth2/token") && ex.getRequestMethod().equals("POST")) {
        token(ex);
        return;
      }
      if (path.equals("/services/oauth2/revoke")) {
        send(ex, 200, "", "text/plain"); // the component revokes its token when it stops
        return;
      }
      if (!path.startsWith("/services/data/")) {
        send(
            ex,
            404,
            "[{\"message\":\"The requested resource does not exist\",\"errorCode\":\"NOT_FOUND\"}]",
            "application/json");
        return;
      }
      String auth = ex.getRequestHeaders().getFirst("Authorization");
      if (token == null || auth == null || !auth.equals("Bearer " + token)) {
        send(
            ex,
            401,
            "[{\"message\":\"Session expired or invalid\",\"errorCode\":\"INVALID_SESSION_ID\"}]",
            "application/json");
        return;
      }
      if (limitExceeded.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
        send(
            ex,
            403,
            "[{\"message\":\"TotalRequests Limit"
                + " exceeded.\",\"errorCode\":\"REQUEST_LIMIT_EXCEEDED\"}]",
            "application/json");
        return;
      }
      Matcher more = Pattern.compile("/services/data/v[\\d.]+/query/([\\w]+)-(\\d+)").matcher(path);
      Matcher job =
          Pattern.compile("/services/data/v[\\d.]+/jobs/query/(\\w+)(/results)?").matcher(path);
      if (more.matches()) {
        queryMores.incrementAndGet();
        page(ex, more.group(1), Integer.parseInt(more.group(2)));
      } else if (path.matches("/services/data/v[\\d.]+/query/?")) {
        query(ex, param(ex, "q"), false);
      } else if (path.matches("/services/data/v[\\d.]+/queryAll/?")) {
        query(ex, param(ex, "q"), true);
      } else if (path.matches("/services/data/v[\\d.]+/jobs/query/?")
          && ex.getRequestMethod().equals("POST")) {
        createJob(ex);
      } else if (job.matches() && job.group(2) == null) {
        jobInfo(ex, jobs.get(job.group(1)));
      } else if (job.matches()) {
        results(ex, jobs.get(job.group(1)));
      } else {
        send(
            ex,
            404,
            "[{\"message\":\"The requested resource does not exist\",\"errorCode\":\"NOT_FOUND\"}]",
            "application/json");
      }
    } catch (RuntimeException e) {
      e.printStackTrace();
      send(
          ex,
          500,
          "[{\"message\":\"" + e + "\",\"errorCode\":\"UNKNOWN_EXCEPTION\"}]",
          "application/json");
    }
  }

  // POST /services/oauth2/token, as in "OAuth 2.0 Username-Password Flow", "Client Credentials
  // Flow" and "JWT Bearer Flow" of the Salesforce help
  private void token(HttpExchange ex) throws IOException {
    Map<String, String> form =
        form(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
    String grant = form.get("grant_type");
    boolean ok =
        switch (grant == null ? "" : grant) {
          case "password" ->
              credentials.password() != null
                  && credentials.clientId().equals(form.get("client_id"))
                  && credentials.clientSecret().equals(form.get("client_secret"))
                  && credentials.userName().equals(form.get("username"))
                  && credentials.password().equals(form.get("password"));
          case "client_credentials" ->
              credentials.password() == null
                  && credentials.jwtKey() == null
                  && credentials.clientId().equals(form.get("client_id"))
                  && credentials.clientSecret().equals(form.get("client_secret"));
          case "urn:ietf:params:oauth:grant-type:jwt-bearer" ->
              credentials.jwtKey() != null && validJwt(form.get("assertion"));
          default -> false;
        };
    if (!ok) {
      send(
          ex,
          400,
          "{\"error\":\"invalid_grant\",\"error_description\":\"authentication failure\"}",
          "application/json");
      return;
    }
    grants.add(grant);
    token =
        ORG_ID
            + "!AQ0AQH0dMHZfz972Szmpkb58urFRkgeBGsxL_QJWwYMfAbUeeG7c1E6LYUfiDUkWe6H34r1AAwOR8B8fLEz6n04NPGRrq0F"
            + logins.incrementAndGet();
    ObjectNode answer = JSON.createObjectNode();
    answer.put("access_token", token);
    answer.put("instance_url", url());
    answer.put("id", url() + "/id/" + ORG_ID + "/" + USER_ID);
    answer.put("token_type", "Bearer");
    answer.put("issued_at", String.valueOf(System.currentTimeMillis()));
    answer.put("signature", "CMJ4l+CCaPQiKjoOEwEig9H4wqhpuLSk4J2urAe+fVg=");
    send(ex, 200, answer.toString(), "application/json");
  }

  private boolean validJwt(String assertion) {
    try {
      String[] parts = assertion.split("\\.");
      Signature rsa = Signature.getInstance("SHA256withRSA");
      rsa.initVerify(credentials.jwtKey());
      rsa.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
      if (!rsa.verify(Base64.getUrlDecoder().decode(parts[2]))) {
        return false;
      }
      JsonNode claims = JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
      return credentials.clientId().equals(claims.path("iss").asText())
          && credentials.userName().equals(claims.path("sub").asText())
          && claims.path("exp").asLong() > Instant.now().getEpochSecond();
    } catch (Exception e) {
      return false;
    }
  }

  // GET /services/data/vXX.X/query?q=SOQL: {"totalSize", "done", "nextRecordsUrl", "records"};
  // /queryAll?q= the same with deleted records, its next pages named query/... as well
  private void query(HttpExchange ex, String soql, boolean all) throws IOException {
    (all ? queryAlls : queries).add(soql);
    Selection s = select(soql, all);
    List<ObjectNode> records = new ArrayList<>();
    for (Map<String, Object> r : s.rows) {
      records.add(json(s.object, s.fields, r));
    }
    String cursor = "01gRO0000016PIAYA" + ids.incrementAndGet();
    cursors.put(cursor, records);
    page(ex, cursor, 0);
  }

  private void page(HttpExchange ex, String cursor, int from) throws IOException {
    List<ObjectNode> records = cursors.get(cursor);
    if (records == null) {
      send(
          ex,
          400,
          "[{\"message\":\"invalid query locator\",\"errorCode\":\"INVALID_QUERY_LOCATOR\"}]",
          "application/json");
      return;
    }
    int to = Math.min(records.size(), from + pageSize);
    ObjectNode page = JSON.createObjectNode();
    page.put("totalSize", records.size());
    page.put("done", to >= records.size());
    if (to < records.size()) {
      page.put("nextRecordsUrl", "/services/data/v56.0/query/" + cursor + "-" + to);
    }
    ArrayNode list = page.putArray("records");
    records.subList(from, to).forEach(list::add);
    send(ex, 200, page.toString(), "application/json");
  }

  // POST /services/data/vXX.X/jobs/query {"operation":"query" or "queryAll","query":"..."}
  private void createJob(HttpExchange ex) throws IOException {
    JsonNode body = JSON.readTree(ex.getRequestBody());
    String soql = body.path("query").asText();
    String operation = body.path("operation").asText("query");
    if (!operation.equals("query") && !operation.equals("queryAll")) {
      send(
          ex,
          400,
          "[{\"message\":\"operation: invalid value\",\"errorCode\":\"INVALIDJOB\"}]",
          "application/json");
      return;
    }
    bulkQueries.add(soql);
    if (operation.equals("queryAll")) {
      bulkQueryAlls.add(soql);
    }
    Selection s = select(soql, operation.equals("queryAll"));
    Job job =
        new Job("750R0000000zlh9IA" + ids.incrementAndGet(), soql, operation, s.fields, s.rows);
    jobs.put(job.id, job);
    send(ex, 200, jobJson(job, s.object, "UploadComplete").toString(), "application/json");
  }

  private void jobInfo(HttpExchange ex, Job job) throws IOException {
    job.polls++;
    String state = job.polls < 2 ? "InProgress" : "JobComplete";
    ObjectNode info = jobJson(job, select(job.query, true).object, state);
    info.put("numberRecordsProcessed", job.rows.size());
    info.put("retries", 0);
    info.put("totalProcessingTime", 334);
    info.put("isPkChunkingSupported", true);
    send(ex, 200, info.toString(), "application/json");
  }

  private ObjectNode jobJson(Job job, String object, String state) {
    ObjectNode j = JSON.createObjectNode();
    j.put("id", job.id);
    j.put("operation", job.operation);
    j.put("object", object);
    j.put("createdById", USER_ID);
    j.put("createdDate", SF_TIME.format(Instant.now()));
    j.put("systemModstamp", SF_TIME.format(Instant.now()));
    j.put("state", state);
    j.put("concurrencyMode", "Parallel");
    j.put("contentType", "CSV");
    j.put("apiVersion", 56.0);
    j.put("lineEnding", "LF");
    j.put("columnDelimiter", "COMMA");
    return j;
  }

  // GET .../jobs/query/ID/results?locator=&maxRecords=: CSV, Sforce-Locator names the next page
  private void results(HttpExchange ex, Job job) throws IOException {
    int from =
        param(ex, "locator") == null
            ? 0
            : Integer.parseInt(
                new String(
                    Base64.getDecoder().decode(param(ex, "locator")), StandardCharsets.US_ASCII));
    int max = param(ex, "maxRecords") == null ? 50_000 : Integer.parseInt(param(ex, "maxRecords"));
    int to = Math.min(job.rows.size(), from + max);
    bulkResultPages.incrementAndGet();
    StringBuilder csv =
        new StringBuilder(
                job.fields.stream().map(f -> "\"" + f + "\"").collect(Collectors.joining(",")))
            .append('\n');
    for (Map<String, Object> r : job.rows.subList(from, to)) {
      csv.append(
              job.fields.stream()
                  .map(f -> "\"" + csvValue(r.get(f)) + "\"")
                  .collect(Collectors.joining(",")))
          .append('\n');
    }
    ex.getResponseHeaders()
        .add(
            "Sforce-Locator",
            to < job.rows.size()
                ? Base64.getEncoder()
                    .encodeToString(String.valueOf(to).getBytes(StandardCharsets.US_ASCII))
                : "null");
    ex.getResponseHeaders().add("Sforce-NumberOfRecords", String.valueOf(to - from));
    send(ex, 200, csv.toString(), "text/csv");
  }

  private record Selection(String object, List<String> fields, List<Map<String, Object>> rows) {}

  private Selection select(String soql, boolean withDeleted) {
    Matcher m = SOQL.matcher(soql.trim());
    if (!m.matches()) {
      throw new IllegalArgumentException("MALFORMED_QUERY: " + soql);
    }
    List<String> fields = List.of(m.group(1).split("\\s*,\\s*"));
    String object = m.group(2);
    List<Map<String, Object>> rows = new ArrayList<>(objects.getOrDefault(object, List.of()));
    if (!withDeleted) {
      rows.removeIf(r -> Boolean.TRUE.equals(r.get("IsDeleted")));
    }
    if (m.group(3) != null) {
      for (String condition : m.group(3).split("(?i)\\s+AND\\s+")) {
        rows.removeIf(r -> !matches(r, condition.trim()));
      }
    }
    if (m.group(4) != null) {
      String by = m.group(4);
      rows.sort(
          Comparator.comparing(
              r -> (Comparable) r.get(by), Comparator.nullsFirst(Comparator.naturalOrder())));
    }
    return new Selection(object, fields, rows);
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static boolean matches(Map<String, Object> r, String condition) {
    Matcher c = Pattern.compile("(\\w+)\\s*(>=|>|!=|=)\\s*(.+)").matcher(condition);
    if (!c.matches()) {
      throw new IllegalArgumentException("MALFORMED_QUERY: condition " + condition);
    }
    Object value = r.get(c.group(1));
    String literal = c.group(3).trim();
    if (literal.equalsIgnoreCase("null")) {
      return c.group(2).equals("!=") == (value != null);
    }
    Object operand =
        literal.startsWith("'")
            ? literal.substring(1, literal.length() - 1)
            : literal.equalsIgnoreCase("true") || literal.equalsIgnoreCase("false")
                ? (Object) Boolean.valueOf(literal)
                : Instant.parse(literal);
    if (c.group(2).equals("=")) {
      return operand.equals(value);
    }
    if (c.group(2).equals("!=")) {
      return !operand.equals(value);
    }
    int cmp = ((Comparable) value).compareTo(operand);
    return c.group(2).equals(">=") ? cmp >= 0 : cmp > 0;
  }

  private ObjectNode json(String object, List<String> fields, Map<String, Object> r) {
    ObjectNode record = JSON.createObjectNode();
    ObjectNode attributes = record.putObject("attributes");
    attributes.put("type", object);
    attributes.put("url", "/services/data/v56.0/sobjects/" + object + "/" + r.get("Id"));
    for (String f : fields) {
      Object v = r.get(f);
      if (v == null) {
        record.putNull(f);
      } else if (v instanceof Boolean b) {
        record.put(f, b);
      } else if (v instanceof BigDecimal d) {
        record.put(f, d);
      } else if (v instanceof Instant i) {
        record.put(f, SF_TIME.format(i));
      } else {
        record.put(f, v.toString());
      }
    }
    return record;
  }

  private static String csvValue(Object v) {
    if (v == null) {
      return "";
    }
    if (v instanceof Instant i) {
      return BULK_TIME.format(i);
    }
    if (v instanceof LocalDate d) {
      return d.toString();
    }
    return v.toString().replace("\"", "\"\"");
  }

  private static String param(HttpExchange ex, String name) {
    String q = ex.getRequestURI().getRawQuery();
    return q == null ? null : form(q).get(name);
  }

  private static Map<String, String> form(String body) {
    Map<String, String> form = new LinkedHashMap<>();
    for (String pair : body.split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0) {
        form.put(
            URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
      }
    }
    return form;
  }

  private static void send(HttpExchange ex, int status, String body, String type)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().add("Content-Type", type + ";charset=UTF-8");
    ex.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
