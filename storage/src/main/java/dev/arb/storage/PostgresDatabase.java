package dev.arb.storage;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool;
import dev.arb.config.Secret;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.Properties;
import org.jdbi.v3.core.Jdbi;

/**
 * The record store in a PostgreSQL database that several arb processes may share ({@code
 * arb.storage.url = "jdbc:postgresql://host:5432/arb"}), through a HikariCP connection pool. The
 * schema is the one of {@link SqliteDatabase}, from the same migrations (see {@link
 * Dialect#POSTGRESQL}); two processes opening a new database at once migrate it once (the migration
 * runs under the write lock).
 *
 * <p>Connections are {@code READ COMMITTED}; every write transaction takes the database-wide write
 * lock first ({@link Database#inTransaction}), so writes of several processes are serialised as
 * SQLite serialises its writers, while reads never wait. The password is given to the driver only;
 * {@link #location()} is the URL, which must not carry one.
 */
public final class PostgresDatabase extends Database {

  private final String url;
  private final Optional<Secret> user;
  private final Optional<Secret> password;
  private final HikariDataSource pool;
  private final Jdbi jdbi;

  private PostgresDatabase(
      String url,
      Optional<Secret> user,
      Optional<Secret> password,
      HikariDataSource pool,
      String instance) {
    super(instance);
    this.url = url;
    this.user = user;
    this.password = password;
    this.pool = pool;
    this.jdbi = configured(Jdbi.create(pool));
  }

  /**
   * Connects to {@code url} and migrates the database to the newest schema this binary knows.
   *
   * @param url a {@code jdbc:postgresql://host[:port]/database} URL without a password
   * @param user the login (empty: the driver's default, the OS user)
   * @param password the login's password (empty: none, e.g. peer or trust authentication)
   * @param poolSize at most this many connections (at least 1)
   * @param connectTimeout how long to wait for a connection before failing
   * @param instance this process's name, recorded on every row it writes
   * @throws dev.arb.error.StorageException when the server cannot be reached or refuses the login,
   *     or the schema is newer than this binary knows
   */
  public static PostgresDatabase open(
      String url,
      Optional<Secret> user,
      Optional<Secret> password,
      int poolSize,
      Duration connectTimeout,
      String instance) {
    return open(
        url,
        user,
        password,
        poolSize,
        connectTimeout,
        instance,
        Migrations.standard(),
        Clock.systemUTC());
  }

  static PostgresDatabase open(
      String url,
      Optional<Secret> user,
      Optional<Secret> password,
      int poolSize,
      Duration connectTimeout,
      String instance,
      Migrations migrations,
      Clock clock) {
    if (!url.startsWith("jdbc:postgresql:")) {
      throw new IllegalArgumentException("not a PostgreSQL JDBC URL: " + url);
    }
    HikariConfig hc = new HikariConfig();
    hc.setJdbcUrl(url);
    user.ifPresent(u -> hc.setUsername(u.reveal()));
    password.ifPresent(p -> hc.setPassword(p.reveal()));
    hc.setMaximumPoolSize(poolSize);
    hc.setMinimumIdle(Math.min(1, poolSize));
    hc.setConnectionTimeout(Math.max(250, connectTimeout.toMillis()));
    hc.setPoolName("arb-records");
    hc.setTransactionIsolation("TRANSACTION_READ_COMMITTED");
    hc.addDataSourceProperty("ApplicationName", "arb " + instance);
    // batched inserts go to the server as multi-row INSERTs
    hc.addDataSourceProperty("reWriteBatchedInserts", "true");
    HikariDataSource pool;
    try {
      pool = new HikariDataSource(hc);
    } catch (HikariPool.PoolInitializationException e) {
      throw StorageErrors.map("connect to", url, e);
    }
    return migrated(new PostgresDatabase(url, user, password, pool, instance), migrations, clock);
  }

  @Override
  public String location() {
    return url;
  }

  @Override
  Jdbi jdbi() {
    return jdbi;
  }

  @Override
  Dialect dialect() {
    return Dialect.POSTGRESQL;
  }

  /**
   * A connection of its own, outside the pool, for a session that must outlive any transaction (the
   * account locks of {@link PostgresAccountLocks}); the caller closes it.
   */
  Connection dedicatedConnection() throws SQLException {
    Properties props = new Properties();
    user.ifPresent(u -> props.setProperty("user", u.reveal()));
    password.ifPresent(p -> props.setProperty("password", p.reveal()));
    props.setProperty("ApplicationName", "arb " + instance() + " account locks");
    props.setProperty("tcpKeepAlive", "true");
    return DriverManager.getConnection(url, props);
  }

  /** Closes the pool: its connections end, and with them any lock they held. */
  @Override
  public void close() {
    pool.close();
  }

  @Override
  public String toString() {
    return "PostgresDatabase[" + url + "]";
  }
}
