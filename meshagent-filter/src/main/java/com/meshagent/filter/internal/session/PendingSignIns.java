package com.meshagent.filter.internal.session;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The sign-ins pending in one session (several tabs may sign in at once). Immutable: every change returns a
 * new value, which the caller stores back in the session. At most {@link #MAX} entries (the oldest is
 * dropped), each living {@link #LIFETIME}.
 */
public record PendingSignIns(List<PendingSignIn> entries) implements Serializable {

    private static final long serialVersionUID = 1L;

    public static final String KEY = PendingSignIns.class.getName();
    public static final int MAX = 5;
    public static final Duration LIFETIME = Duration.ofMinutes(10);

    /** What {@link #take} found for a state. */
    public enum Lookup { FOUND, EXPIRED, UNKNOWN }

    /** The result of {@link #take}: the lookup, the entry (when found or expired) and what remains. */
    public record Taken(Lookup lookup, Optional<PendingSignIn> entry, PendingSignIns remaining) {}

    public PendingSignIns {
        entries = List.copyOf(entries);
        if (entries.size() > MAX) {
            throw new IllegalArgumentException("at most " + MAX + " pending sign-ins: " + entries.size());
        }
    }

    public static PendingSignIns empty() {
        return new PendingSignIns(List.of());
    }

    /** Adds {@code p}, dropping expired entries and then the oldest beyond {@link #MAX}. */
    public PendingSignIns with(PendingSignIn p, Instant now) {
        List<PendingSignIn> list = new ArrayList<>();
        for (PendingSignIn e : entries) {
            if (!expired(e, now)) {
                list.add(e);
            }
        }
        list.add(p);
        while (list.size() > MAX) {
            list.remove(0);
        }
        return new PendingSignIns(list);
    }

    /**
     * Removes and returns the entry for {@code state} (single use), comparing every entry in constant time.
     * An entry older than {@link #LIFETIME} is removed too but reported {@link Lookup#EXPIRED}.
     */
    public Taken take(String state, Instant now) {
        byte[] wanted = state.getBytes(StandardCharsets.UTF_8);
        PendingSignIn match = null;
        List<PendingSignIn> rest = new ArrayList<>();
        for (PendingSignIn e : entries) {
            // no early exit: look at every entry so timing does not tell which state exists
            if (MessageDigest.isEqual(wanted, e.state().getBytes(StandardCharsets.UTF_8))) {
                match = e;
            } else if (!expired(e, now)) {
                rest.add(e);
            }
        }
        if (match == null) {
            // an unknown state changes nothing: a hostile callback must not alter the session
            return new Taken(Lookup.UNKNOWN, Optional.empty(), this);
        }
        return new Taken(expired(match, now) ? Lookup.EXPIRED : Lookup.FOUND, Optional.of(match),
                new PendingSignIns(rest));
    }

    private static boolean expired(PendingSignIn e, Instant now) {
        return !now.isBefore(e.createdAt().plus(LIFETIME)) || now.isBefore(e.createdAt().minus(Duration.ofMinutes(1)));
    }
}
