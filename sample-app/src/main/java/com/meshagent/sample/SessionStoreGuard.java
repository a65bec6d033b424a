package com.meshagent.sample;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * In front of the sign-in filter when sessions live in PostgreSQL: while the database cannot be reached, a
 * request whose session cookie could not be resolved, or a request to the filter's own endpoints (which may
 * create a session), gets {@code 503} {@code application/problem+json} with reason
 * {@code session_store_unavailable} and {@code Retry-After}, instead of looking signed out (Jetty answers a
 * session it cannot load as no session) or failing while writing a new one. The stored sessions are not touched:
 * once the database is back the same cookies are signed in again. A database found down is probed again after a
 * second; requests to the filter's endpoints trust an "up" of the last second too.
 */
final class SessionStoreGuard implements Filter {

    private static final Logger LOG = LoggerFactory.getLogger(SessionStoreGuard.class);
    private static final long PROBE_EVERY_MILLIS = 1_000;

    private final DataSource db;
    private volatile long probedAt;
    private volatile boolean up = true;
    private final ThreadLocal<Boolean> failedOnThisThread = new ThreadLocal<>();

    SessionStoreGuard(DataSource db) {
        this.db = db;
    }

    /**
     * The data source to give the session store: it notes on the request's thread when a database call failed,
     * so a session that failed to load at the start of the request (Jetty then acts as if there were none) is
     * answered with 503 even when the database is back by the time this filter runs.
     */
    DataSource tracking() {
        return TrackingDataSource.wrap(db, () -> failedOnThisThread.set(Boolean.TRUE));
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain) throws IOException, ServletException {
        HttpServletRequest request = (HttpServletRequest) req;
        boolean loadFailed = failedOnThisThread.get() != null;
        failedOnThisThread.remove();
        boolean unresolvedSession = request.getRequestedSessionId() != null && !request.isRequestedSessionIdValid();
        boolean filterEndpoint = request.getRequestURI().startsWith(request.getContextPath() + "/meshagent/");
        // a cookie whose session did not load: the database is asked afresh unless it was just found down (a
        // session that expired costs one cheap probe); a filter endpoint trusts the last second's answer
        boolean storeDown = unresolvedSession ? loadFailed || !storeUp(false) : filterEndpoint && !storeUp(true);
        if (storeDown) {
            HttpServletResponse response = (HttpServletResponse) res;
            response.setStatus(503);
            response.setHeader("Retry-After", "5");
            response.setHeader("Cache-Control", "no-store");
            response.setContentType("application/problem+json");
            response.setCharacterEncoding("UTF-8");
            response.getWriter().write("{\"type\":\"about:blank\",\"title\":\"Session store unavailable\",\"status\":503,"
                    + "\"reason\":\"session_store_unavailable\",\"detail\":\"Sessions cannot be read right now; you are"
                    + " still signed in. Please retry in a few seconds.\"}");
            return;
        }
        chain.doFilter(req, res);
    }

    private boolean storeUp(boolean recentUpIsEnough) {
        long now = System.currentTimeMillis();
        if (now - probedAt < PROBE_EVERY_MILLIS && (!up || recentUpIsEnough)) {
            return up;
        }
        synchronized (this) {
            if (now - probedAt >= PROBE_EVERY_MILLIS || (up && !recentUpIsEnough)) {
                boolean wasUp = up;
                try (Connection c = db.getConnection()) {
                    up = c.isValid(2);
                } catch (SQLException e) {
                    up = false;
                }
                probedAt = System.currentTimeMillis();
                if (wasUp != up) {
                    LOG.warn(up ? "session store reachable again" : "session store unreachable: answering 503");
                }
            }
            return up;
        }
    }
}
