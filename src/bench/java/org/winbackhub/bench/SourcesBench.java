package org.winbackhub.bench;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import org.winbackhub.intake.BatchCommit;
import org.winbackhub.intake.ContactIntake;
import org.winbackhub.intake.FieldRules;
import org.winbackhub.intake.MappedSourceSync;
import org.winbackhub.intake.PhoneNormalizer;
import org.winbackhub.intake.SourceMapping;
import org.winbackhub.intake.SyncReport;
import org.winbackhub.intake.sql.JdbcRowSource;
import org.winbackhub.store.ContactRepository;
import org.winbackhub.store.Database;
import org.winbackhub.store.EventRepository;
import org.winbackhub.store.Migrations;
import org.winbackhub.store.RejectRepository;
import org.winbackhub.store.WatermarkRepository;

/**
 * bench/run sources: a SQL source of N contacts and 5N orders in PostgreSQL, synced into a fresh
 * hub store through the real intake (normalization, identity, events), against a baseline that
 * streams the same rows and batch-inserts them into the same tables with plain JDBC.
 */
public final class SourcesBench {
  static final String SERVER =
      System.getenv().getOrDefault("HUB_BENCH_PG_URL", "jdbc:postgresql://127.0.0.1:5432/test");

  public static void main(String[] args) throws Exception {
    int contacts = 1_000_000;
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--contacts")) {
        contacts = Integer.parseInt(args[++i]);
      }
    }
    int orders = contacts * 5;
    HeapPeak heap = new HeapPeak();
    heap.start();

    System.out.printf(
        "generating %,d contacts and %,d orders in schema bench_src%n", contacts, orders);
    long g = System.nanoTime();
    try (HikariDataSource admin = pool("public")) {
      exec(
          admin,
          "DROP SCHEMA IF EXISTS bench_src CASCADE",
          "CREATE SCHEMA bench_src",
          "DROP SCHEMA IF EXISTS bench_hub CASCADE",
          "CREATE SCHEMA bench_hub",
          "DROP SCHEMA IF EXISTS bench_base CASCADE",
          "CREATE SCHEMA bench_base");
    }
    try (HikariDataSource src = pool("bench_src")) {
      exec(
          src,
          "CREATE TABLE customers (id BIGINT PRIMARY KEY, email TEXT, phone TEXT, first_name TEXT,"
              + " last_name TEXT, opt_out BOOLEAN NOT NULL, updated_at TIMESTAMPTZ NOT NULL)",
          "INSERT INTO customers SELECT i, 'customer' || i || '@example.com', CASE WHEN i % 3 = 0"
              + " THEN '+346' || lpad((10000000 + i % 89999999)::text, 8, '0') END, 'First' || (i %"
              + " 997), 'Last' || (i % 991), i % 50 = 0, timestamptz '2024-01-01' + (i || '"
              + " seconds')::interval FROM generate_series(1::bigint, "
              + contacts
              + ") i",
          "CREATE TABLE orders (order_no BIGINT PRIMARY KEY, customer_id BIGINT NOT NULL, total"
              + " NUMERIC(10,2) NOT NULL, currency CHAR(3) NOT NULL, ordered_at TIMESTAMPTZ NOT"
              + " NULL, updated_at TIMESTAMPTZ NOT NULL)",
          "INSERT INTO orders SELECT i, 1 + (i * 7919) % "
              + contacts
              + ", 5 + (i % 20000) / 100.0, 'EUR', timestamptz '2023-01-01' + ((i % 63072000) || '"
              + " seconds')::interval, timestamptz '2024-01-01' + (i || ' seconds')::interval FROM"
              + " generate_series(1::bigint, "
              + orders
              + ") i",
          "CREATE INDEX ON customers (updated_at)",
          "CREATE INDEX ON orders (updated_at)",
          "ANALYZE customers",
          "ANALYZE orders");
    }
    System.out.printf("generated in %.1f s%n", (System.nanoTime() - g) / 1e9);
    long rows = (long) contacts + orders;

    // baseline: the same rows, streamed and batch-inserted with plain JDBC into the same tables
    double baselineSeconds;
    try (HikariDataSource src = pool("bench_src");
        HikariDataSource base = pool("bench_base")) {
      Migrations.migrate(base);
      long t = System.nanoTime();
      baseline(src, base);
      baselineSeconds = (System.nanoTime() - t) / 1e9;
    }
    System.out.printf("baseline: %,d rows in %.1f s%n", rows, baselineSeconds);

    // the hub: the real sync, with identity resolution, normalization, watermarks
    double hubSeconds;
    SyncReport report;
    try (HikariDataSource src = pool("bench_src");
        HikariDataSource hub = pool("bench_hub")) {
      Migrations.migrate(hub);
      Database db = new Database(hub);
      Clock clock = Clock.tick(Clock.systemUTC(), Duration.ofMillis(1));
      ContactIntake intake =
          new ContactIntake(
              db,
              new ContactRepository(db),
              new EventRepository(db),
              new RejectRepository(db),
              clock);
      MappedSourceSync sync =
          new MappedSourceSync(
              new BatchCommit(intake, new WatermarkRepository(db), db, clock),
              FieldRules.defaults(new PhoneNormalizer("ES"), ZoneId.of("Europe/Madrid"), clock),
              ZoneId.of("Europe/Madrid"),
              "EUR",
              Duration.ofMinutes(1));
      Path mapping = Files.createTempFile("bench-mapping", ".yaml");
      Files.writeString(mapping, MAPPING);
      long t = System.nanoTime();
      long[] last = {System.nanoTime(), 0};
      report =
          sync.sync(
              "bench-shop",
              new JdbcRowSource("bench-shop", src),
              SourceMapping.load(mapping),
              (stream, n) -> {
                if (n - last[1] >= 100_000 || n < last[1]) {
                  long now = System.nanoTime();
                  System.out.printf(
                      "  %s: %,d rows, %,.0f rows/s%n",
                      stream, n, (n < last[1] ? n : n - last[1]) / ((now - last[0]) / 1e9));
                  last[0] = now;
                  last[1] = n;
                }
              });
      hubSeconds = (System.nanoTime() - t) / 1e9;
      try (Connection c = hub.getConnection();
          Statement s = c.createStatement();
          ResultSet rs =
              s.executeQuery(
                  "SELECT (SELECT COUNT(*) FROM contact), (SELECT COUNT(*) FROM contact_event)")) {
        rs.next();
        if (rs.getLong(1) != contacts || rs.getLong(2) != orders) {
          throw new IllegalStateException(
              "hub holds " + rs.getLong(1) + " contacts and " + rs.getLong(2) + " events");
        }
      }
    }
    System.out.println(report.line());
    heap.stopSampling();
    double throughput = rows / hubSeconds;
    double baseline = rows / baselineSeconds;
    System.out.printf(
        "RESULT name=sources throughput=%.0f baseline=%.0f ratio=%.2f heap_mb=%d%n",
        throughput, baseline, throughput / baseline, heap.peakMb());
  }

  static final String MAPPING =
      """
      contacts:
        query: >
          SELECT id, email, phone, first_name, last_name, opt_out, updated_at FROM customers
          WHERE updated_at >= :watermark ORDER BY updated_at
        key: id
        changed: updated_at
        fields: {email: email, phone: phone, first_name: first_name, last_name: last_name}
        consent: {email_opt_out: opt_out}
      events:
        - type: purchase
          query: >
            SELECT order_no, customer_id, total, currency, ordered_at, updated_at FROM orders
            WHERE updated_at >= :watermark ORDER BY updated_at
          key: order_no
          contact: customer_id
          at: ordered_at
          amount: total
          currency: currency
          changed: updated_at
      """;

  /**
   * Streams customers then orders and inserts them as contacts, references and events, in batches.
   */
  static void baseline(HikariDataSource src, HikariDataSource base) throws Exception {
    try (Connection in = src.getConnection();
        Connection out = base.getConnection()) {
      in.setAutoCommit(false);
      out.setAutoCommit(false);
      try (PreparedStatement read =
              in.prepareStatement(
                  "SELECT id, lower(email), phone, first_name, last_name, opt_out FROM customers"
                      + " ORDER BY updated_at");
          PreparedStatement contact =
              out.prepareStatement(
                  "INSERT INTO contact (id, email, phone, first_name, last_name, email_consent,"
                      + " sms_consent, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, 'UNKNOWN',"
                      + " now(), now())");
          PreparedStatement ref =
              out.prepareStatement(
                  "INSERT INTO source_ref (source, external_id, contact_id, first_seen_at) VALUES"
                      + " ('bench-shop', ?, ?, now())")) {
        read.setFetchSize(1000);
        try (ResultSet rs = read.executeQuery()) {
          int n = 0;
          while (rs.next()) {
            long id = rs.getLong(1);
            contact.setLong(1, id);
            contact.setString(2, rs.getString(2));
            contact.setString(3, rs.getString(3));
            contact.setString(4, rs.getString(4));
            contact.setString(5, rs.getString(5));
            contact.setString(6, rs.getBoolean(6) ? "OPTED_OUT" : "GRANTED");
            contact.addBatch();
            ref.setString(1, String.valueOf(id));
            ref.setLong(2, id);
            ref.addBatch();
            if (++n % 1000 == 0) {
              contact.executeBatch();
              ref.executeBatch();
              out.commit();
            }
          }
          contact.executeBatch();
          ref.executeBatch();
          out.commit();
        }
      }
      try (PreparedStatement read =
              in.prepareStatement(
                  "SELECT order_no, customer_id, total, currency, ordered_at FROM orders ORDER BY"
                      + " updated_at");
          PreparedStatement event =
              out.prepareStatement(
                  "INSERT INTO contact_event (contact_id, source, external_id, type, occurred_at,"
                      + " amount, currency, recorded_at) VALUES (?, 'bench-shop', ?, 'purchase', ?,"
                      + " ?, ?, now())")) {
        read.setFetchSize(1000);
        try (ResultSet rs = read.executeQuery()) {
          int n = 0;
          while (rs.next()) {
            event.setLong(1, rs.getLong(2));
            event.setString(2, "purchase:" + rs.getLong(1));
            event.setObject(3, rs.getObject(5));
            event.setBigDecimal(4, rs.getBigDecimal(3));
            event.setString(5, rs.getString(4));
            event.addBatch();
            if (++n % 1000 == 0) {
              event.executeBatch();
              out.commit();
            }
          }
          event.executeBatch();
          out.commit();
        }
      }
      in.rollback();
    }
  }

  static HikariDataSource pool(String schema) {
    HikariConfig c = new HikariConfig();
    c.setJdbcUrl(
        SERVER
            + (SERVER.contains("?") ? "&" : "?")
            + "currentSchema="
            + schema
            + "&reWriteBatchedInserts=true");
    c.setUsername(System.getenv().getOrDefault("HUB_BENCH_PG_USER", "postgres"));
    c.setMaximumPoolSize(6);
    return new HikariDataSource(c);
  }

  static void exec(HikariDataSource ds, String... sql) throws Exception {
    try (Connection c = ds.getConnection();
        Statement s = c.createStatement()) {
      for (String q : sql) {
        s.execute(q);
      }
    }
  }

  /** Samples the peak heap in use, every 50 ms. */
  static final class HeapPeak extends Thread {
    private volatile boolean running = true;
    private long peak;

    HeapPeak() {
      setDaemon(true);
    }

    @Override
    public void run() {
      while (running) {
        long used = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
          if (pool.getType() == MemoryType.HEAP) {
            used += pool.getUsage().getUsed();
          }
        }
        peak = Math.max(peak, used);
        try {
          Thread.sleep(50);
        } catch (InterruptedException e) {
          return;
        }
      }
    }

    void stopSampling() {
      running = false;
    }

    long peakMb() {
      return peak / (1024 * 1024);
    }
  }
}
