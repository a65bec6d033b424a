package com.meshagent.devserver.state;

import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.UnaryOperator;

/**
 * The current {@link Snapshot}, changed only through {@link #update}: changes are serialised, written
 * to the store (when there is one) and only then published, so a failed write changes nothing and an
 * acknowledged change is on disk. Readers never block.
 */
public final class AccountsState {
    private final SnapshotStore store;
    private volatile Snapshot current;

    /** {@code store} may be null for in-memory state. */
    public AccountsState(Snapshot initial, SnapshotStore store) {
        this.store = store;
        this.current = initial;
    }

    public Snapshot snapshot() {
        return current;
    }

    /** Applies {@code change} to the current snapshot, persists the result and publishes it. */
    public synchronized Snapshot update(UnaryOperator<Snapshot> change) {
        Snapshot next = change.apply(current);
        if (next == current) {
            return next;
        }
        if (store != null) {
            store.save(next);
        }
        current = next;
        return next;
    }

    /**
     * The user with {@code email}, created on first sign-in as a project member without permissions
     * ({@code name}, when given, is split into first and last name).
     */
    public User signIn(String email, String name) {
        Optional<User> known = current.userByEmail(email);
        if (known.isPresent()) {
            // A user an admin removed from the project stays removed when signing in again.
            return known.get();
        }
        synchronized (this) {
            Optional<User> raced = current.userByEmail(email);
            if (raced.isPresent()) {
                return raced.get();
            }
            String first = null;
            String last = null;
            if (name != null && !name.isBlank()) {
                String n = name.trim();
                int sp = n.indexOf(' ');
                first = sp < 0 ? n : n.substring(0, sp);
                last = sp < 0 ? null : n.substring(sp + 1).trim();
            }
            User u = new User(UUID.randomUUID().toString(), email, first, last);
            update(s -> s.withUser(u).withMember(u.id(), Set.of()));
            return u;
        }
    }

    /** Adds or updates member {@code email} (creating the user if needed) with exactly {@code permissions}. */
    public synchronized User setMember(String email, Set<String> permissions) {
        User u = current.userByEmail(email).orElseGet(() -> new User(UUID.randomUUID().toString(), email, null, null));
        update(s -> s.withUser(u).withMember(u.id(), permissions));
        return u;
    }

    /** The effective permissions of {@code userId} (empty when not a member). */
    public Set<String> permissions(String userId) {
        Set<String> granted = current.members().get(userId);
        return granted == null ? Set.of() : Permissions.effective(granted);
    }
}
