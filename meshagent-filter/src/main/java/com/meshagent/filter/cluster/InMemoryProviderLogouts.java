package com.meshagent.filter.cluster;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.time.Instant;

/**
 * {@link ProviderLogouts#inMemory()}: ended sids and subs for {@link #RETENTION} (a session idle longer than
 * that has expired anyway), used {@code jti}s for {@link #JTI_RETENTION} (longer than a logout token is accepted),
 * each bounded in size. Also the per-node mirror of {@link PostgresProviderLogouts}.
 */
final class InMemoryProviderLogouts implements ProviderLogouts {

    static final Duration RETENTION = Duration.ofDays(1);
    static final Duration JTI_RETENTION = Duration.ofMinutes(15);
    private static final int MAX_ENTRIES = 200_000;

    private final Cache<String, Boolean> sids = Caffeine.newBuilder().expireAfterWrite(RETENTION)
            .maximumSize(MAX_ENTRIES).build();
    private final Cache<String, Instant> subs = Caffeine.newBuilder().expireAfterWrite(RETENTION)
            .maximumSize(MAX_ENTRIES).build();
    private final Cache<String, Boolean> jtis = Caffeine.newBuilder().expireAfterWrite(JTI_RETENTION)
            .maximumSize(MAX_ENTRIES).build();

    @Override
    public boolean record(Logout logout) {
        if (jtis.asMap().putIfAbsent(key(logout.issuer(), logout.jti()), Boolean.TRUE) != null) {
            return false;
        }
        apply(logout.issuer(), logout.sid(), logout.sub(), logout.issuedAt());
        return true;
    }

    /** Applies a logout without the jti check (a row another node recorded). */
    void apply(String issuer, String sid, String sub, Instant issuedAt) {
        if (sid != null) {
            sids.put(key(issuer, sid), Boolean.TRUE);
        } else {
            subs.asMap().merge(key(issuer, sub), issuedAt, (a, b) -> a.isAfter(b) ? a : b);
        }
    }

    @Override
    public boolean ended(String issuer, String sid, String sub, Instant signedInAt) {
        if (sids.asMap().isEmpty() && subs.asMap().isEmpty()) {
            return false; // asked on every signed-in request: no key to build while no logout has come
        }
        if (sid != null && sids.getIfPresent(key(issuer, sid)) != null) {
            return true;
        }
        if (sub == null) {
            return false;
        }
        Instant loggedOut = subs.getIfPresent(key(issuer, sub));
        return loggedOut != null && (signedInAt == null || !signedInAt.isAfter(loggedOut));
    }

    private static String key(String issuer, String id) {
        return issuer + '\n' + id;
    }
}
