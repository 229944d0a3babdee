package io.deskbridge.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * An empty gateway store migrated by the production Flyway scripts, on H2 in file mode or on a real
 * PostgreSQL; closing it releases its connections.
 */
final class StoreDatabase implements AutoCloseable {

  // Small, but more than one: the lease test needs two transactions open at the same time.
  private static final int CONNECTIONS = 4;

  private final HikariDataSource pool;

  private StoreDatabase(String jdbcUrl, String user) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(jdbcUrl);
    config.setUsername(user);
    config.setMaximumPoolSize(CONNECTIONS);
    config.setMinimumIdle(1);
    this.pool = new HikariDataSource(config);
    Flyway.configure().dataSource(pool).locations("classpath:db/migration").load().migrate();
  }

  /**
   * H2 as the embedded default runs it: a file database under the given directory. The pool keeps
   * one connection open, so the database stays open between statements as it does in the gateway.
   */
  static StoreDatabase h2(Path directory) {
    return new StoreDatabase("jdbc:h2:file:" + directory.resolve("db").toAbsolutePath(), "sa");
  }

  DataSource dataSource() {
    return pool;
  }

  @Override
  public void close() {
    pool.close();
  }

  /**
   * One embedded PostgreSQL server, started once for a test class because starting it is the slow
   * part; every {@link #freshDatabase()} is a new, empty database on it.
   */
  static final class PostgresServer implements AutoCloseable {

    private static final String USER = "postgres";

    private final EmbeddedPostgres server;
    private final AtomicInteger databases = new AtomicInteger();

    private PostgresServer(EmbeddedPostgres server) {
      this.server = server;
    }

    static PostgresServer start() {
      try {
        return new PostgresServer(EmbeddedPostgres.start());
      } catch (IOException e) {
        throw new UncheckedIOException("embedded PostgreSQL did not start", e);
      }
    }

    StoreDatabase freshDatabase() {
      String name = "store_" + databases.incrementAndGet();
      try (Connection admin = server.getPostgresDatabase().getConnection();
          Statement sql = admin.createStatement()) {
        sql.execute("CREATE DATABASE " + name);
      } catch (SQLException e) {
        throw new IllegalStateException("cannot create database " + name, e);
      }
      return new StoreDatabase(server.getJdbcUrl(USER, name), USER);
    }

    @Override
    public void close() {
      try {
        server.close();
      } catch (IOException e) {
        throw new UncheckedIOException("embedded PostgreSQL did not stop", e);
      }
    }
  }
}
