package com.meshagent.filter.cluster;

import com.meshagent.filter.internal.Checks;
import com.meshagent.filter.internal.log.Log;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;
import javax.sql.DataSource;

/**
 * {@link ProviderLogouts} shared by every node using one PostgreSQL database.
 *
 * <p>{@link #record} inserts the {@code jti} into {@value #JTI_TABLE} (its primary key makes a replay on any node
 * fail) and the logout into {@value #TABLE} in one transaction. {@link #ended} answers from a per-node copy of
 * {@value #TABLE}; the copy fetches the rows added since the last look ({@code id > high-water mark}, one indexed
 * query) at most once per {@code pollInterval}, so a request costs no database round trip in between. Worst
 * case, a node ends a session {@code pollInterval} (default 1 s) after another node accepted the logout token;
 * the node that accepted it ends matching sessions at once. If the database cannot be reached the copy stays as
 * it was (a warning is logged) and is brought up to date at the next successful look. Rows and {@code jti}s older
 * than a day are deleted by the node recording the next logout. Tables are created on first use. Only
 * {@code java.sql}/{@code javax.sql} are used.
 */
public final class PostgresProviderLogouts implements ProviderLogouts {

    /** The table of accepted logouts (issuer, sid, sub, issue time), read by every node. */
    public static final String TABLE = "meshagent_provider_logouts";
    /** The table of used logout-token ids ({@code issuer}, {@code jti}), which refuses a replay. */
    public static final String JTI_TABLE = "meshagent_logout_jtis";

    private static final Log LOG = Log.of(PostgresProviderLogouts.class);
    private static final long SCHEMA_LOCK = 0x6d65736841676e75L;

    private final DataSource dataSource;
    private final Duration pollInterval;
    private final Clock clock;
    private final InMemoryProviderLogouts copy = new InMemoryProviderLogouts();
    private long highWater;
    private volatile Instant lastPoll = Instant.MIN;
    private volatile boolean schemaReady;
    private final ReentrantLock polling = new ReentrantLock();

    /**
     * Looks for other nodes' logouts at most once a second.
     *
     * @param dataSource connections to the shared PostgreSQL database
     */
    public PostgresProviderLogouts(DataSource dataSource) {
        this(dataSource, Duration.ofSeconds(1), Clock.systemUTC());
    }

    /**
     * {@code pollInterval} zero looks on every request; {@code clock} times the looks.
     *
     * @param dataSource   connections to the shared PostgreSQL database
     * @param pollInterval the least time between two looks for other nodes' logouts; zero or positive
     * @param clock        the time source for the looks
     */
    public PostgresProviderLogouts(DataSource dataSource, Duration pollInterval, Clock clock) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.pollInterval = Checks.notNegative(pollInterval, "pollInterval");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public boolean record(Logout logout) {
        try (Connection c = dataSource.getConnection()) {
            ensureSchema(c);
            c.setAutoCommit(false);
            try {
                try (PreparedStatement jti = c.prepareStatement("INSERT INTO " + JTI_TABLE
                        + " (issuer, jti, used_at) VALUES (?, ?, now()) ON CONFLICT DO NOTHING")) {
                    jti.setString(1, logout.issuer());
                    jti.setString(2, logout.jti());
                    if (jti.executeUpdate() == 0) {
                        c.rollback();
                        return false;
                    }
                }
                try (PreparedStatement ins = c.prepareStatement("INSERT INTO " + TABLE
                        + " (issuer, sid, sub, issued_at, recorded_at) VALUES (?, ?, ?, ?, now())")) {
                    ins.setString(1, logout.issuer());
                    ins.setString(2, logout.sid());
                    ins.setString(3, logout.sub());
                    ins.setTimestamp(4, Timestamp.from(logout.issuedAt()));
                    ins.executeUpdate();
                }
                try (Statement s = c.createStatement()) {
                    s.executeUpdate("DELETE FROM " + TABLE + " WHERE recorded_at < now() - interval '1 day'");
                    s.executeUpdate("DELETE FROM " + JTI_TABLE + " WHERE used_at < now() - interval '1 day'");
                }
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("recording a provider logout in PostgreSQL failed (SQLState "
                    + e.getSQLState() + ")", e);
        }
        copy.apply(logout.issuer(), logout.sid(), logout.sub(), logout.issuedAt());
        return true;
    }

    @Override
    public boolean ended(String issuer, String sid, String sub, Instant signedInAt) {
        catchUp();
        return copy.ended(issuer, sid, sub, signedInAt);
    }

    private void catchUp() {
        if (!pollInterval.isZero() && clock.instant().isBefore(lastPoll.plus(pollInterval))) {
            return; // looked recently: no lock, no database
        }
        if (pollInterval.isZero()) {
            polling.lock();
        } else if (!polling.tryLock()) {
            return; // another request is looking right now: answer from the copy instead of queueing behind it
        }
        try {
            poll();
        } finally {
            polling.unlock();
        }
    }

    private void poll() {
        Instant now = clock.instant();
        if (!pollInterval.isZero() && now.isBefore(lastPoll.plus(pollInterval))) {
            return;
        }
        lastPoll = now;
        try (Connection c = dataSource.getConnection()) {
            ensureSchema(c);
            try (PreparedStatement q = c.prepareStatement("SELECT id, issuer, sid, sub, issued_at FROM " + TABLE
                    // ids are handed out before commit, so one can become visible after a higher one was read:
                    // the last 30 s are read again (applying a logout twice changes nothing)
                    + " WHERE id > ? OR recorded_at > now() - interval '30 seconds' ORDER BY id")) {
                q.setLong(1, highWater);
                try (ResultSet rs = q.executeQuery()) {
                    while (rs.next()) {
                        copy.apply(rs.getString(2), rs.getString(3), rs.getString(4), rs.getTimestamp(5).toInstant());
                        highWater = Math.max(highWater, rs.getLong(1));
                    }
                }
            }
        } catch (SQLException | RuntimeException e) {
            LOG.warn("provider logouts not read from PostgreSQL ({}); using this node's copy",
                    e instanceof SQLException s ? s.getSQLState() : e.getClass().getSimpleName());
        }
    }

    private void ensureSchema(Connection c) throws SQLException {
        if (!schemaReady) {
            Schema.create(c, SCHEMA_LOCK,
                    "CREATE TABLE IF NOT EXISTS " + TABLE + " (id bigserial PRIMARY KEY, issuer text NOT NULL,"
                            + " sid text, sub text, issued_at timestamptz NOT NULL, recorded_at timestamptz NOT NULL)",
                    "CREATE TABLE IF NOT EXISTS " + JTI_TABLE + " (issuer text NOT NULL, jti text NOT NULL,"
                            + " used_at timestamptz NOT NULL, PRIMARY KEY (issuer, jti))");
            schemaReady = true;
        }
    }

    @Override
    public String toString() {
        return "PostgresProviderLogouts[pollInterval=" + pollInterval + "]";
    }
}
