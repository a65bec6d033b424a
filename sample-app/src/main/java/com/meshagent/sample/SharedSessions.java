package com.meshagent.sample;

import java.util.Map;
import java.util.Optional;
import org.eclipse.jetty.ee10.servlet.SessionHandler;
import org.eclipse.jetty.session.DatabaseAdaptor;
import org.eclipse.jetty.session.JDBCSessionDataStore;
import org.eclipse.jetty.session.NullSessionCache;
import org.postgresql.ds.PGSimpleDataSource;

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

    /** Puts {@code sessions} on the shared store. */
    void install(SessionHandler sessions) {
        PGSimpleDataSource source = new PGSimpleDataSource();
        source.setURL(jdbcUrl);
        if (user != null && !user.isBlank()) {
            source.setUser(user);
        }
        if (password != null) {
            source.setPassword(password);
        }
        source.setConnectTimeout(5);
        source.setSocketTimeout(10);
        DatabaseAdaptor db = new DatabaseAdaptor();
        db.setDatasource(source);
        JDBCSessionDataStore store = new JDBCSessionDataStore();
        store.setDatabaseAdaptor(db);
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
