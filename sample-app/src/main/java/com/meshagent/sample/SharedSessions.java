package com.meshagent.sample;

import com.meshagent.filter.MeshAgentConfig;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.meshagent.filter.cluster.PostgresProviderLogouts;
import com.meshagent.filter.cluster.PostgresRefreshCoordinator;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jetty.ee10.servlet.SessionHandler;
import org.eclipse.jetty.session.DatabaseAdaptor;
import org.eclipse.jetty.session.JDBCSessionDataStore;
import org.eclipse.jetty.session.NullSessionCache;
import javax.sql.DataSource;

/**
 * Sessions shared by any number of sample nodes through PostgreSQL, when {@code SAMPLE_SESSION_JDBC_URL}
 * (with {@code SAMPLE_SESSION_JDBC_USER} and {@code SAMPLE_SESSION_JDBC_PASSWORD}) is set; otherwise the
 * sample keeps Jetty's default in-memory sessions.
 *
 * <p>Jetty's own JDBC session store ({@link JDBCSessionDataStore}, which creates its table on first use)
 * sits behind a {@link NullSessionCache}: no node keeps a session in memory between requests, each request
 * loads it from the database, and a changed session is written before the response is committed, so the
 * next request on another node sees the change (a sign-in, a sign-out) at once.
 */
record SharedSessions(String jdbcUrl, String user, String password) {
    static final String URL = "SAMPLE_SESSION_JDBC_URL";
    static final String USER = "SAMPLE_SESSION_JDBC_USER";
    static final String PASSWORD = "SAMPLE_SESSION_JDBC_PASSWORD";

    /** The store {@code env} asks for, if any; a URL that is not a PostgreSQL JDBC URL is refused. */
    static Optional<SharedSessions> fromEnv(Map<String, String> env) {
        String url = env.get(URL);
        if (url == null || url.isBlank()) {
            return Optional.empty();
        }
        if (!url.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException(URL + " must be a PostgreSQL JDBC URL (jdbc:postgresql://host:port/db)");
        }
        return Optional.of(new SharedSessions(url.trim(), env.get(USER), env.get(PASSWORD)));
    }

    /** One connection pool for the session store and the filter's cluster settings (connects lazily). */
    DataSource pool() {
        HikariConfig pool = new HikariConfig();
        pool.setPoolName("sample-sessions");
        pool.setJdbcUrl(jdbcUrl);
        if (user != null && !user.isBlank()) {
            pool.setUsername(user);
        }
        if (password != null) {
            pool.setPassword(password);
        }
        pool.setMaximumPoolSize(16);
        pool.setConnectionTimeout(2_000);
        pool.setInitializationFailTimeout(-1); // start even while the database is still coming up
        pool.addDataSourceProperty("socketTimeout", "30");
        return new HikariDataSource(pool);
    }

    /**
     * The filter's cluster settings on the same database: one refresh per refresh token across nodes, and
     * back-channel logouts seen by every node.
     */
    static MeshAgentConfig.Builder cluster(MeshAgentConfig.Builder config, DataSource db) {
        return config.refreshCoordinator(new PostgresRefreshCoordinator(db))
                .providerLogouts(new PostgresProviderLogouts(db));
    }

    /** Puts {@code sessions} on the shared store. */
    static void install(SessionHandler sessions, DataSource db) {
        DatabaseAdaptor adaptor = new DatabaseAdaptor();
        adaptor.setDatasource(db);
        JDBCSessionDataStore store = new JDBCSessionDataStore();
        store.setDatabaseAdaptor(adaptor);
        NullSessionCache cache = new NullSessionCache(sessions);
        cache.setSaveOnCreate(true);
        cache.setFlushOnResponseCommit(true);
        cache.setSessionDataStore(store);
        sessions.setSessionCache(cache);
    }

    /** Where sessions live, for the start-up message (the URL without its query, which may hold credentials). */
    String describe() {
        int q = jdbcUrl.indexOf('?');
        return "sessions are shared in PostgreSQL at " + (q < 0 ? jdbcUrl : jdbcUrl.substring(0, q));
    }

    @Override
    public String toString() {
        return "SharedSessions[" + describe() + ", user=" + user + ", password=<redacted>]";
    }
}
