package com.meshagent.filter.internal.servlet;

import com.meshagent.filter.internal.flow.SessionView;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.util.Optional;

/** {@link SessionView} over the container's {@link HttpSession}; never creates a session just to read. */
final class HttpSessionView implements SessionView {

    private static final Object[] LOCKS = new Object[256];

    static {
        for (int i = 0; i < LOCKS.length; i++) {
            LOCKS[i] = new Object();
        }
    }

    private final HttpServletRequest request;

    HttpSessionView(HttpServletRequest request) {
        this.request = request;
    }

    @Override
    public <T> Optional<T> get(String key, Class<T> type) {
        HttpSession s = session();
        if (s == null) {
            return Optional.empty();
        }
        try {
            Object v = s.getAttribute(key);
            return type.isInstance(v) ? Optional.of(type.cast(v)) : Optional.empty();
        } catch (IllegalStateException invalidated) {
            return Optional.empty();
        }
    }

    @Override
    public void put(String key, Object value) {
        request.getSession(true).setAttribute(key, value);
    }

    @Override
    public void remove(String key) {
        HttpSession s = session();
        if (s != null) {
            try {
                s.removeAttribute(key);
            } catch (IllegalStateException invalidated) {
                // already gone: nothing to remove
            }
        }
    }

    @Override
    public Optional<String> id() {
        HttpSession s = session();
        return s == null ? Optional.empty() : Optional.of(s.getId());
    }

    @Override
    public void changeId() {
        if (session() != null) {
            request.changeSessionId();
        }
    }

    @Override
    public void invalidate() {
        HttpSession s = session();
        if (s != null) {
            try {
                s.invalidate();
            } catch (IllegalStateException alreadyInvalid) {
                // a concurrent request ended it first
            }
        }
    }

    @Override
    public void limitLifetime(java.time.Duration idle) {
        HttpSession s = session();
        if (s != null) {
            s.setMaxInactiveInterval((int) Math.min(Integer.MAX_VALUE, idle.toSeconds()));
        }
    }

    @Override
    public void restoreLifetime() {
        HttpSession s = session();
        if (s != null) {
            int minutes = request.getServletContext().getSessionTimeout();
            s.setMaxInactiveInterval(minutes <= 0 ? -1 : minutes * 60);
        }
    }

    @Override
    public Object mutex() {
        HttpSession s = session();
        if (s == null) {
            return new Object();
        }
        // striped by session id: no lock object stored in the session, so it stays serializable
        return LOCKS[Math.floorMod(s.getId().hashCode(), LOCKS.length)];
    }

    private HttpSession session() {
        return request.getSession(false);
    }
}
