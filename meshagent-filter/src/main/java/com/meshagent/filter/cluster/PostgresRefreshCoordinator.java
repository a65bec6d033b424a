package com.meshagent.filter.cluster;

import com.meshagent.filter.internal.Checks;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import javax.sql.DataSource;

/**
 * One refresh per refresh token across every node using the same PostgreSQL database.
 *
 * <p>Each grant runs in one transaction: {@code pg_advisory_xact_lock} on a 64-bit number taken from the grant
 * name, then a look-up of a stored outcome for that grant in {@value #TABLE}. The first node to take the lock
 * finds none, redeems the token and stores the (encrypted) outcome; a node that waited on the lock finds that
 * outcome and returns it instead of redeeming the old token again. The lock is released at commit or when the
 * connection drops, so a node killed mid-refresh never leaves it held. Outcomes are kept for {@link #keepFor}
 * (default 30 s, as long as a request still holding the old token can plausibly arrive) and expired rows are
 * deleted by the node storing the next outcome.
 *
 * <p>A waiter gives up after {@code maxWait} ({@code lock_timeout}); the filter then answers as for a provider
 * outage and keeps the session. The table is created on first use. Only {@code java.sql}/{@code javax.sql}
 * are used: the application provides the PostgreSQL driver and the {@link DataSource} (pooled or not).
 */
public final class PostgresRefreshCoordinator implements RefreshCoordinator {

    /** The table of recent outcomes (grant name, ciphertext, expiry). */
    public static final String TABLE = "meshagent_refresh_results";

    private static final long SCHEMA_LOCK = 0x6d65736841676e74L; // "meshAgnt"

    private final DataSource dataSource;
    private final Duration maxWait;
    private final Duration keepFor;
    private volatile boolean schemaReady;

    /**
     * Waits at most 20 s for another node's refresh and keeps outcomes 30 s.
     *
     * @param dataSource connections to the shared PostgreSQL database
     */
    public PostgresRefreshCoordinator(DataSource dataSource) {
        this(dataSource, Duration.ofSeconds(20), Duration.ofSeconds(30));
    }

    /**
     * A coordinator with explicit timings.
     *
     * @param dataSource connections to the shared PostgreSQL database
     * @param maxWait    how long a node waits for another node's refresh of the same token; must be positive
     * @param keepFor    how long a stored outcome is handed to late requests; must be positive
     */
    public PostgresRefreshCoordinator(DataSource dataSource, Duration maxWait, Duration keepFor) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.maxWait = Checks.positive(maxWait, "maxWait");
        this.keepFor = Checks.positive(keepFor, "keepFor");
    }

    @Override
    public Optional<byte[]> redeemOnce(String grant, Supplier<Optional<byte[]>> redeem) {
        try (Connection c = dataSource.getConnection()) {
            ensureSchema(c);
            c.setAutoCommit(false);
            try {
                Optional<byte[]> result = underLock(c, grant, redeem);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly(c);
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("refresh coordination in PostgreSQL failed (SQLState "
                    + e.getSQLState() + ")", e);
        }
    }

    private Optional<byte[]> underLock(Connection c, String grant, Supplier<Optional<byte[]>> redeem)
            throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("SET LOCAL lock_timeout = '" + maxWait.toMillis() + "ms'");
        }
        try (PreparedStatement lock = c.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
            lock.setLong(1, lockKey(grant));
            lock.execute();
        }
        try (PreparedStatement q = c.prepareStatement(
                "SELECT outcome FROM " + TABLE + " WHERE grant_name = ? AND expires_at > now()")) {
            q.setString(1, grant);
            try (ResultSet rs = q.executeQuery()) {
                if (rs.next()) {
                    return Optional.of(rs.getBytes(1));
                }
            }
        }
        Optional<byte[]> outcome = redeem.get();
        if (outcome.isPresent()) {
            try (PreparedStatement del = c.prepareStatement("DELETE FROM " + TABLE + " WHERE expires_at <= now()")) {
                del.executeUpdate();
            }
            try (PreparedStatement ins = c.prepareStatement("INSERT INTO " + TABLE
                    + " (grant_name, outcome, expires_at) VALUES (?, ?, now() + ? * interval '1 millisecond')"
                    + " ON CONFLICT (grant_name) DO UPDATE SET outcome = EXCLUDED.outcome, expires_at = EXCLUDED.expires_at")) {
                ins.setString(1, grant);
                ins.setBytes(2, outcome.get());
                ins.setLong(3, keepFor.toMillis());
                ins.executeUpdate();
            }
        }
        return outcome;
    }

    private void ensureSchema(Connection c) throws SQLException {
        if (!schemaReady) {
            Schema.create(c, SCHEMA_LOCK, "CREATE TABLE IF NOT EXISTS " + TABLE + " (grant_name text PRIMARY KEY,"
                    + " outcome bytea NOT NULL, expires_at timestamptz NOT NULL)");
            schemaReady = true;
        }
    }

    /** The first 16 hex digits of the grant name as a signed 64-bit advisory-lock key. */
    static long lockKey(String grant) {
        if (grant.length() < 16) {
            throw new IllegalArgumentException("grant name too short for a lock key");
        }
        return HexFormat.fromHexDigitsToLong(grant, 0, 16);
    }

    private static void rollbackQuietly(Connection c) {
        try {
            c.rollback();
        } catch (SQLException ignored) {
            // the connection is broken; closing it ends the transaction and releases the lock
        }
    }

    @Override
    public String toString() {
        return "PostgresRefreshCoordinator[maxWait=" + maxWait + ", keepFor=" + keepFor + "]";
    }
}
