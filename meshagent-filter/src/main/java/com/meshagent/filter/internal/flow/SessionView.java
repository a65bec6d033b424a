package com.meshagent.filter.internal.flow;

import java.util.Optional;

/** The handlers' view of the container session; only the servlet package implements it. */
public interface SessionView {

    /** The attribute {@code key} of the current session, if there is a session and it holds a {@code type}. */
    <T> Optional<T> get(String key, Class<T> type);

    /** Stores {@code value}, creating the session when there is none. */
    void put(String key, Object value);

    /** Removes {@code key} from the current session, if any. */
    void remove(String key);

    /** An opaque id of the current session, or empty when there is none. Never log it. */
    Optional<String> id();

    /** Gives the current session a new id (session-fixation defence), keeping its attributes. */
    void changeId();

    /**
     * A lock for read-modify-write of this session's attributes (several tabs send requests at once). The same
     * object for every request of one session id; never held across a call to the provider.
     */
    Object mutex();

    /** Shortens the current session's idle timeout (for sessions created only to hold a pending sign-in). */
    void limitLifetime(java.time.Duration idle);

    /** Gives the current session the application's configured idle timeout again. */
    void restoreLifetime();

    /** Ends the current session, if any. */
    void invalidate();
}
