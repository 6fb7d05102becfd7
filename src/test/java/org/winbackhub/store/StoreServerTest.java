package org.winbackhub.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A command beside the running service reaches the service's H2 file through the server the service
 * runs, sees what the service commits and the other way round, and finds no server once the service
 * has stopped or was killed.
 */
class StoreServerTest {
  @TempDir Path dir;

  @Test
  void a_command_reaches_the_services_open_file_through_its_server() throws Exception {
    String url =
        StoreUrl.durable(
            "jdbc:h2:file:" + dir.resolve("hub") + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE");
    assertThat(StoreServer.throughService(url)).as("no service yet").isEmpty();
    try (HikariDataSource service = TestStores.h2File(url);
        StoreServer server = StoreServer.serve(url).orElseThrow()) {
      exec(service, "CREATE TABLE contact (id INT PRIMARY KEY, email VARCHAR(100))");
      exec(service, "INSERT INTO contact VALUES (1, 'ana@example.com')");
      assertThat(
              PosixFilePermissions.toString(
                  Files.getPosixFilePermissions(dir.resolve("hub.server"))))
          .isEqualTo("rw-------");

      String shared = StoreServer.throughService(url).orElseThrow();
      assertThat(shared).startsWith("jdbc:h2:tcp://127.0.0.1:" + server.port() + "/");
      try (Connection command = DriverManager.getConnection(shared, "sa", "")) {
        assertThat(count(command)).isEqualTo(1);
        try (Statement s = command.createStatement()) {
          s.execute("INSERT INTO contact VALUES (2, 'bo@example.com')");
        }
      }
      try (Connection c = service.getConnection()) {
        assertThat(count(c)).as("the command's commit, seen by the service").isEqualTo(2);
      }
      // the key is the only database the server opens
      String other = shared.replaceFirst("/[0-9a-f]+;", "/" + dir.resolve("other") + ";");
      assertThatThrownBy(() -> DriverManager.getConnection(other, "sa", "").close())
          .hasMessageContaining("Wrong user name or password");
    }
    assertThat(StoreServer.throughService(url)).as("the service stopped").isEmpty();
    assertThat(dir.resolve("hub.server")).doesNotExist();
  }

  @Test
  void the_address_left_by_a_killed_service_is_ignored() throws Exception {
    String url = StoreUrl.durable("jdbc:h2:file:" + dir.resolve("hub"));
    try (ServerSocket someoneElse = new ServerSocket(0)) { // its port now another program's
      Files.writeString(
          dir.resolve("hub.server"),
          "port=" + someoneElse.getLocalPort() + "\npid=" + deadPid() + "\nkey=abc\n");
      assertThat(StoreServer.throughService(url)).isEmpty();
    }
    Files.writeString(dir.resolve("hub.server"), "port=x\nkey=abc\n");
    assertThat(StoreServer.throughService(url)).isEmpty();
    assertThat(StoreServer.throughService("jdbc:postgresql://db/hub")).isEmpty();
  }

  private static long deadPid() throws Exception {
    Process p = new ProcessBuilder("true").start();
    p.waitFor();
    return p.pid();
  }

  private static long count(Connection c) throws Exception {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM contact")) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static void exec(HikariDataSource pool, String sql) throws Exception {
    try (Connection c = pool.getConnection();
        Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }
}
