package org.winbackhub.store;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * By hand only (not a test, the suites do not run it): kills a JVM writing to an embedded H2 file
 * the way the hub does, over and over, and checks after each kill that the file opens, reads whole,
 * and still holds every commit that had returned.
 *
 * <pre>
 * mvn -B -q -o test-compile
 * java -cp target/classes:target/test-classes org.winbackhub.store.H2KillHarness \
 *     [--kills 100] [--h2 2.3.232] [--settings ";MAX_COMPACT_TIME=0"] [--dir /tmp/h2kill] [--opens 1] [--stop-every 0] [--fresh]
 *     [--compact-at-stop [--kill-in-compact]]
 * </pre>
 *
 * With {@code --compact-at-stop} a clean stop compacts the file as the service's does ({@link
 * H2Compaction}: SHUTDOWN COMPACT when under half of it is live) and {@code --kill-in-compact}
 * kills every other such stop 0 to 400 ms into the compaction.
 *
 * <p>The child JVM opens {@code jdbc:h2:file:DIR/hub;MODE=PostgreSQL;...SETTINGS} through {@link
 * StoreUrl#durable} (the hub's URL) and runs: 8 senders (a row SENDING in one commit, SENT and an
 * event in the next, each on its own connection), a claimer (8 rows CLAIMED per commit), a
 * heartbeat every 2 s, and a bulk writer (a few hundred to 2,000 rows per commit, old ones
 * deleted). Each commit that returned is written (unbuffered) to the child's log before the thread
 * goes on. The parent kills it (or, every {@code --stop-every} rounds, has it stop cleanly: every
 * connection closed, so H2 closes and compacts the file, as at the hub's SIGTERM) (destroyForcibly,
 * i.e. SIGKILL) 1 to 5 s after it is writing, waits for it, then opens the file as the IT does,
 * counts and reads every row of every table, and checks each logged commit is there. A file that
 * does not open or read is kept as DIR/corrupt-N.mv.db and the next round starts a new one. The H2
 * jar is taken from the local Maven repository ({@code --h2 VERSION}) or a path ({@code --h2-jar}),
 * in a class loader of its own, so versions can be compared without touching the build.
 */
public final class H2KillHarness {
  private static final int ROWS = 5_000;
  private static final int SENDERS = 8;

  public static void main(String[] args) throws Exception {
    Map<String, String> opt = options(args);
    if (opt.containsKey("--child")) {
      child(opt);
    } else {
      parent(opt);
    }
  }

  private static Map<String, String> options(String[] args) {
    Map<String, String> opt = new HashMap<>();
    for (int i = 0; i < args.length; i++) {
      if (List.of("--fresh", "--child", "--compact-at-stop", "--kill-in-compact")
          .contains(args[i])) {
        opt.put(args[i], "true");
      } else {
        opt.put(args[i], args[++i]);
      }
    }
    return opt;
  }

  private static String url(Path dir, String settings) {
    return StoreUrl.durable(
        "jdbc:h2:file:"
            + dir.resolve("hub")
            + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE"
            + ";DEFAULT_NULL_ORDERING=HIGH"
            + settings);
  }

  private static Path h2Jar(Map<String, String> opt) {
    if (opt.containsKey("--h2-jar")) {
      return Path.of(opt.get("--h2-jar"));
    }
    String v = opt.getOrDefault("--h2", "2.3.232");
    return Path.of(
        System.getProperty("user.home"), ".m2/repository/com/h2database/h2", v, "h2-" + v + ".jar");
  }

  private static Driver driver(Path jar) throws Exception {
    URLClassLoader loader =
        new URLClassLoader(new URL[] {jar.toUri().toURL()}, ClassLoader.getPlatformClassLoader());
    return (Driver) loader.loadClass("org.h2.Driver").getDeclaredConstructor().newInstance();
  }

  private static Connection connect(Driver driver, String url) throws SQLException {
    Properties p = new Properties();
    p.setProperty("user", "sa");
    p.setProperty("password", "");
    return driver.connect(url, p);
  }

  // ---------------------------------------------------------------- parent

  private static void parent(Map<String, String> opt) throws Exception {
    int kills = Integer.parseInt(opt.getOrDefault("--kills", "100"));
    String settings = opt.getOrDefault("--settings", "");
    int opens = Integer.parseInt(opt.getOrDefault("--opens", "1"));
    int stopEvery = Integer.parseInt(opt.getOrDefault("--stop-every", "0"));
    int stops = 0;
    Path dir = Path.of(opt.getOrDefault("--dir", "/tmp/h2kill"));
    Path jar = h2Jar(opt);
    Files.createDirectories(dir);
    if (opt.containsKey("--fresh")) {
      deleteStore(dir);
    }
    Driver driver = driver(jar);
    String url = url(dir, settings);
    System.out.println(
        "H2 "
            + jar.getFileName()
            + ", "
            + url
            + ", "
            + kills
            + " kills in "
            + dir
            + ", "
            + opens
            + " opens after each");
    int corrupt = 0;
    int lost = 0;
    int checked = 0;
    int failedStart = 0;
    int killedInCompact = 0;
    long started = System.nanoTime();
    for (int k = 1; k <= kills; k++) {
      Path log = dir.resolve("child.log");
      List<String> cmd =
          new ArrayList<>(
              List.of(
                  Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                  "-cp",
                  System.getProperty("java.class.path"),
                  H2KillHarness.class.getName(),
                  "--child",
                  "--dir",
                  dir.toString(),
                  "--settings",
                  settings,
                  "--h2-jar",
                  jar.toString()));
      if (opt.containsKey("--compact-at-stop")) {
        cmd.add("--compact-at-stop");
      }
      Process child =
          new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (!Files.readString(log).contains("WRITING")
          && child.isAlive()
          && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      if (!child.isAlive()) {
        failedStart++;
        String out = Files.readString(log);
        System.out.println("kill " + k + ": the child did not start writing: " + firstLines(out));
        if (out.contains("orrupt")) {
          corrupt++;
          keep(dir, corrupt);
        }
        continue;
      }
      long delay = ThreadLocalRandom.current().nextLong(1000, 5001);
      Thread.sleep(delay);
      boolean stop = stopEvery > 0 && k % stopEvery == 0;
      if (stop) { // a clean stop, as the hub's at SIGTERM: the last connection closed closes (and
        // compacts) the file
        stops++;
        Files.writeString(dir.resolve("stop"), "stop");
        if (opt.containsKey("--kill-in-compact") && k % (2 * stopEvery) == 0) {
          // every other stop is killed while it rewrites the file
          while (child.isAlive() && !Files.readString(log).contains("COMPACTING")) {
            Thread.sleep(5);
          }
          Thread.sleep(ThreadLocalRandom.current().nextLong(0, 400));
          killedInCompact += Files.readString(log).contains("COMPACTED") ? 0 : 1;
          child.destroyForcibly();
        }
        if (!child.waitFor(60, TimeUnit.SECONDS)) {
          System.out.println("kill " + k + ": the child did not stop within 60 s, killed");
        }
        Files.deleteIfExists(dir.resolve("stop"));
      }
      child.destroyForcibly();
      child.waitFor();
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      String verdict;
      try {
        for (int i = 1;
            i < opens;
            i++) { // as the IT does: several short looks at the store between runs
          try (Connection c = connect(driver, url);
              Statement s = c.createStatement();
              ResultSet rs =
                  s.executeQuery("SELECT COUNT(*) FROM ledger WHERE status = 'SENDING'")) {
            rs.next();
          }
        }
      } catch (SQLException e) {
        corrupt++;
        System.out.printf(
            "kill %d: CORRUPT at an earlier open (%d) %s%n",
            k, e.getErrorCode(), firstLines(String.valueOf(e.getMessage())));
        keep(dir, corrupt);
        continue;
      }
      try (Connection c = connect(driver, url)) {
        Map<String, Long> rows = readAll(c);
        int missing = missing(c, lines);
        if (missing > 0) { // the evidence: what the child logged, what the file holds
          Files.copy(log, dir.resolve("lost-" + k + ".log"), StandardCopyOption.REPLACE_EXISTING);
          for (String m : missingLines(c, lines)) {
            System.out.println("  lost: " + m);
          }
        }
        checked += committed(lines);
        lost += missing;
        verdict = "ok " + rows + (missing > 0 ? ", LOST " + missing + " commits" : "");
      } catch (SQLException e) {
        corrupt++;
        verdict =
            "CORRUPT (" + e.getErrorCode() + ") " + firstLines(String.valueOf(e.getMessage()));
        keep(dir, corrupt);
      }
      String compacted =
          lines.stream().filter(l -> l.startsWith("COMPACT")).reduce((a, b) -> b).orElse("");
      System.out.printf(
          "%s %d after %d ms, %d commits logged: %s; file %d MB %s%n",
          stop ? "stop" : "kill",
          k,
          delay,
          committed(lines),
          verdict,
          Files.exists(dir.resolve("hub.mv.db")) ? Files.size(dir.resolve("hub.mv.db")) >> 20 : -1,
          compacted);
    }
    System.out.printf(
        "RESULT H2 %s settings '%s', %d opens after each, every %d a clean stop: %d rounds (%d"
            + " stops, %d killed while compacting), %d corrupt, %d lost commits (of %d checked),"
            + " %d starts failed, %.0f s, file %d MB%n",
        jar.getFileName(),
        settings,
        opens,
        stopEvery,
        kills,
        stops,
        killedInCompact,
        corrupt,
        lost,
        checked,
        failedStart,
        (System.nanoTime() - started) / 1e9,
        Files.exists(dir.resolve("hub.mv.db")) ? Files.size(dir.resolve("hub.mv.db")) >> 20 : -1);
  }

  private static String firstLines(String s) {
    String[] l = s.split("\n");
    return String.join(" | ", List.of(l).subList(0, Math.min(3, l.length)));
  }

  private static void keep(Path dir, int n) throws IOException {
    Path db = dir.resolve("hub.mv.db");
    if (Files.exists(db)) {
      Files.move(db, dir.resolve("corrupt-" + n + ".mv.db"), StandardCopyOption.REPLACE_EXISTING);
    }
    Files.deleteIfExists(dir.resolve("hub.trace.db"));
  }

  private static void deleteStore(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      for (Path p : s.filter(p -> p.getFileName().toString().startsWith("hub.")).toList()) {
        Files.delete(p);
      }
    }
  }

  private static int committed(List<String> lines) {
    return (int) lines.stream().filter(l -> l.startsWith("C ")).count();
  }

  /** Every row of every table read, as a count per table. */
  private static Map<String, Long> readAll(Connection c) throws SQLException {
    Map<String, Long> counts = new TreeMap<>();
    for (String t : List.of("ledger", "event", "heartbeat", "bulk")) {
      try (Statement s = c.createStatement()) {
        long n;
        try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + t)) {
          rs.next();
          n = rs.getLong(1);
        }
        long read = 0;
        try (ResultSet rs = s.executeQuery("SELECT * FROM " + t)) {
          ResultSetMetaData md = rs.getMetaData();
          while (rs.next()) {
            for (int i = 1; i <= md.getColumnCount(); i++) {
              rs.getObject(i);
            }
            read++;
          }
        }
        if (read != n) {
          throw new SQLException(t + ": COUNT(*) " + n + " but " + read + " rows read (corrupted)");
        }
        counts.put(t, n);
      }
    }
    return counts;
  }

  /**
   * Logged commits not found: "C sent ID ATTEMPTS EVENT", "C beat N", "C bulk MAXID", "C claim
   * ID...".
   */
  private static int missing(Connection c, List<String> lines) throws SQLException {
    Map<Long, Long> attemptsAtLeast = new HashMap<>();
    List<Long> events = new ArrayList<>();
    long beat = -1;
    long bulk = -1;
    for (String l : lines) {
      String[] f = l.split(" ");
      if (!l.startsWith("C ")) {
        continue;
      }
      switch (f[1]) {
        case "sent" -> {
          attemptsAtLeast.merge(Long.parseLong(f[2]), Long.parseLong(f[3]), Math::max);
          events.add(Long.parseLong(f[4]));
        }
        case "beat" -> beat = Math.max(beat, Long.parseLong(f[2]));
        case "bulk" -> bulk = Math.max(bulk, Long.parseLong(f[2]));
        default -> {}
      }
    }
    int missing = 0;
    try (PreparedStatement a = c.prepareStatement("SELECT attempts FROM ledger WHERE id = ?");
        PreparedStatement e = c.prepareStatement("SELECT COUNT(*) FROM event WHERE id = ?")) {
      for (Map.Entry<Long, Long> x : attemptsAtLeast.entrySet()) {
        a.setLong(1, x.getKey());
        try (ResultSet rs = a.executeQuery()) {
          if (!rs.next() || rs.getLong(1) < x.getValue()) {
            missing++;
          }
        }
      }
      for (long id : events) {
        e.setLong(1, id);
        try (ResultSet rs = e.executeQuery()) {
          rs.next();
          if (rs.getLong(1) != 1) {
            missing++;
          }
        }
      }
    }
    try (Statement s = c.createStatement()) {
      if (beat >= 0) {
        try (ResultSet rs = s.executeQuery("SELECT beats FROM heartbeat WHERE id = 1")) {
          if (!rs.next() || rs.getLong(1) < beat) {
            missing++;
          }
        }
      }
      if (bulk >= 0) {
        try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM bulk WHERE id = " + bulk)) {
          rs.next();
          if (rs.getLong(1) != 1) {
            missing++;
          }
        }
      }
    }
    return missing;
  }

  /** The logged "C sent" lines whose event or attempts the file does not hold (at most 10). */
  private static List<String> missingLines(Connection c, List<String> lines) throws SQLException {
    List<String> out = new ArrayList<>();
    try (PreparedStatement e = c.prepareStatement("SELECT COUNT(*) FROM event WHERE id = ?")) {
      for (String l : lines) {
        String[] f = l.split(" ");
        if (l.startsWith("C sent ")) {
          e.setLong(1, Long.parseLong(f[4]));
          try (ResultSet rs = e.executeQuery()) {
            rs.next();
            if (rs.getLong(1) != 1 && out.size() < 10) {
              out.add(l + " (line " + (lines.indexOf(l) + 1) + " of " + lines.size() + ")");
            }
          }
        }
      }
    }
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT MAX(id), COUNT(*) FROM event")) {
      rs.next();
      out.add("events in the file: max id " + rs.getLong(1) + ", " + rs.getLong(2) + " rows");
    }
    return out;
  }

  // ---------------------------------------------------------------- child

  private static OutputStream out;
  private static volatile boolean stopping;

  /** Unbuffered: a line is in the file (the kernel's) before the thread goes on. */
  private static synchronized void log(String line) {
    try {
      out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void child(Map<String, String> opt) throws Exception {
    out = new FileOutputStream(FileDescriptor.out);
    Path dir = Path.of(opt.get("--dir"));
    Driver driver = driver(Path.of(opt.get("--h2-jar")));
    String url = url(dir, opt.getOrDefault("--settings", ""));
    try (Connection c = connect(driver, url);
        Statement s = c.createStatement()) {
      s.execute(
          "CREATE TABLE IF NOT EXISTS ledger (id BIGINT PRIMARY KEY, status VARCHAR(16) NOT NULL,"
              + " attempts INT NOT NULL, claimed_by VARCHAR(64), payload VARCHAR(400), updated_at"
              + " TIMESTAMP)");
      s.execute("CREATE INDEX IF NOT EXISTS ledger_status ON ledger (status, id)");
      s.execute(
          "CREATE TABLE IF NOT EXISTS event (id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY"
              + " KEY, ledger_id BIGINT NOT NULL, kind VARCHAR(32), body VARCHAR(1000), at"
              + " TIMESTAMP)");
      s.execute(
          "CREATE TABLE IF NOT EXISTS heartbeat (id INT PRIMARY KEY, beats BIGINT, at TIMESTAMP)");
      s.execute(
          "CREATE TABLE IF NOT EXISTS bulk (id BIGINT PRIMARY KEY, body VARCHAR(600), at"
              + " TIMESTAMP)");
      s.execute(
          "MERGE INTO heartbeat KEY (id) VALUES (1, COALESCE((SELECT beats FROM heartbeat WHERE id"
              + " = 1), 0), CURRENT_TIMESTAMP)");
      try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM ledger")) {
        rs.next();
        if (rs.getLong(1) == 0) {
          try (PreparedStatement p =
              c.prepareStatement(
                  "INSERT INTO ledger VALUES (?, 'PENDING', 0, NULL, ?, CURRENT_TIMESTAMP)")) {
            for (int i = 0; i < ROWS; i++) {
              p.setLong(1, i);
              p.setString(2, "payload-" + i + "-" + "x".repeat(150));
              p.addBatch();
            }
            p.executeBatch();
          }
        }
      }
    }
    List<Thread> threads = new ArrayList<>();
    for (int i = 0; i < SENDERS; i++) {
      threads.add(new Thread(() -> loop(driver, url, H2KillHarness::send), "sender-" + i));
    }
    threads.add(new Thread(() -> loop(driver, url, H2KillHarness::claim), "claimer"));
    threads.add(new Thread(() -> loop(driver, url, H2KillHarness::beat), "heartbeat"));
    threads.add(new Thread(() -> loop(driver, url, H2KillHarness::bulk), "bulk"));
    threads.forEach(Thread::start);
    log("WRITING");
    while (!Files.exists(dir.resolve("stop"))) {
      Thread.sleep(20);
    }
    stopping = true;
    for (Thread t : threads) {
      t.join(); // no interrupt: an interrupted thread in H2's file I/O closes its channel
    }
    if (opt.containsKey("--compact-at-stop")) { // as the service's stop does (StoreCompaction)
      try (Connection c = connect(driver, url)) {
        H2Compaction.Measure m = H2Compaction.measure(c).orElseThrow();
        if (m.worthCompacting(0)) {
          log("COMPACTING " + m);
          H2Compaction.compact(c);
          log("COMPACTED " + m);
        }
      }
    }
    log("STOPPED"); // every connection closed: the database closed as the hub's does
  }

  private interface Work {
    void run(Connection c) throws Exception;
  }

  private static void loop(Driver driver, String url, Work work) {
    try (Connection c = connect(driver, url)) {
      c.setAutoCommit(false);
      while (!stopping) {
        try {
          work.run(c);
        } catch (SQLException e) {
          c.rollback();
          if (e.getErrorCode() != 40001 && e.getErrorCode() != 50200 && e.getErrorCode() != 90131) {
            log(
                "E "
                    + Thread.currentThread().getName()
                    + " "
                    + e.getErrorCode()
                    + " "
                    + e.getMessage());
          }
        }
      }
    } catch (Exception e) {
      log("X " + Thread.currentThread().getName() + " " + e);
    }
  }

  /** SENDING in one commit, then SENT and the contact's event in the next, as EmailOutbox does. */
  private static void send(Connection c) throws Exception {
    long id = ThreadLocalRandom.current().nextLong(ROWS);
    int attempts;
    try (PreparedStatement p =
        c.prepareStatement(
            "UPDATE ledger SET status = 'SENDING', attempts = attempts + 1, updated_at ="
                + " CURRENT_TIMESTAMP WHERE id = ?")) {
      p.setLong(1, id);
      p.executeUpdate();
    }
    try (PreparedStatement p = c.prepareStatement("SELECT attempts FROM ledger WHERE id = ?")) {
      p.setLong(1, id);
      try (ResultSet rs = p.executeQuery()) {
        rs.next();
        attempts = rs.getInt(1);
      }
    }
    c.commit();
    Thread.sleep(ThreadLocalRandom.current().nextInt(5, 25)); // the SMTP server
    long event;
    try (PreparedStatement p =
        c.prepareStatement(
            "UPDATE ledger SET status = 'SENT', payload = ?, updated_at = CURRENT_TIMESTAMP WHERE"
                + " id = ?")) {
      p.setString(
          1,
          "<"
              + System.nanoTime()
              + "@smtp>"
              + "m".repeat(ThreadLocalRandom.current().nextInt(10, 200)));
      p.setLong(2, id);
      p.executeUpdate();
    }
    try (PreparedStatement p =
        c.prepareStatement(
            "INSERT INTO event (ledger_id, kind, body, at) VALUES (?, 'email_sent', ?,"
                + " CURRENT_TIMESTAMP)",
            new String[] {"id"})) {
      p.setLong(1, id);
      p.setString(
          2,
          "{\"journey\":\"winback\",\"step\":1}"
              + "e".repeat(ThreadLocalRandom.current().nextInt(0, 400)));
      p.executeUpdate();
      try (ResultSet rs = p.getGeneratedKeys()) {
        rs.next();
        event = rs.getLong(1);
      }
    }
    c.commit();
    log("C sent " + id + " " + attempts + " " + event);
  }

  private static void claim(Connection c) throws Exception {
    try (Statement s = c.createStatement()) {
      s.executeUpdate(
          "UPDATE ledger SET status = 'CLAIMED', claimed_by = 'me', attempts = attempts + 1 WHERE"
              + " id IN (SELECT id FROM ledger WHERE status IN ('PENDING', 'SENT') ORDER BY"
              + " updated_at LIMIT 8)");
    }
    c.commit();
    Thread.sleep(50);
  }

  private static void beat(Connection c) throws Exception {
    long beats;
    try (Statement s = c.createStatement()) {
      s.executeUpdate(
          "UPDATE heartbeat SET beats = beats + 1, at = CURRENT_TIMESTAMP WHERE id = 1");
      try (ResultSet rs = s.executeQuery("SELECT beats FROM heartbeat WHERE id = 1")) {
        rs.next();
        beats = rs.getLong(1);
      }
    }
    c.commit();
    log("C beat " + beats);
    Thread.sleep(2000);
  }

  private static void bulk(Connection c) throws Exception {
    long next;
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT COALESCE(MAX(id), 0) FROM bulk")) {
      rs.next();
      next = rs.getLong(1) + 1;
    }
    int n = ThreadLocalRandom.current().nextInt(200, 2001);
    try (PreparedStatement p =
        c.prepareStatement("INSERT INTO bulk VALUES (?, ?, CURRENT_TIMESTAMP)")) {
      for (int i = 0; i < n; i++) {
        p.setLong(1, next + i);
        p.setString(
            2,
            "row " + (next + i) + " " + "b".repeat(ThreadLocalRandom.current().nextInt(50, 500)));
        p.addBatch();
      }
      p.executeBatch();
    }
    try (Statement s = c.createStatement()) {
      s.executeUpdate("DELETE FROM bulk WHERE id < " + (next - 20_000));
    }
    c.commit();
    log("C bulk " + (next + n - 1));
    Thread.sleep(ThreadLocalRandom.current().nextInt(200, 1500));
  }
}
