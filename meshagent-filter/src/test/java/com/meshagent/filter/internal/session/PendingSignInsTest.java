package com.meshagent.filter.internal.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Several tabs, single use, 10-minute life, at most 5 (SC-06, LD-04), secrets redacted, serializable (TH-09). */
class PendingSignInsTest {

    private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");

    private static PendingSignIn flow(String state, Instant at) {
        return new PendingSignIn(state, "verifier-" + state, "nonce-" + state, "https://op", "/r/" + state, at);
    }

    @Test
    void twoTabsCanEachCompleteTheirOwnSignInOnce() {
        PendingSignIns p = PendingSignIns.empty().with(flow("a", T0), T0).with(flow("b", T0), T0);
        PendingSignIns.Taken b = p.take("b", T0.plusSeconds(5));
        assertEquals(PendingSignIns.Lookup.FOUND, b.lookup());
        assertEquals("/r/b", b.entry().orElseThrow().returnTo());
        PendingSignIns.Taken a = b.remaining().take("a", T0.plusSeconds(6));
        assertEquals(PendingSignIns.Lookup.FOUND, a.lookup());
        assertEquals(PendingSignIns.Lookup.UNKNOWN, a.remaining().take("b", T0.plusSeconds(7)).lookup(), "single use");
    }

    @Test
    void unknownStateLeavesThePendingSignInsUntouched() {
        PendingSignIns p = PendingSignIns.empty().with(flow("a", T0), T0);
        PendingSignIns.Taken t = p.take("forged", T0);
        assertEquals(PendingSignIns.Lookup.UNKNOWN, t.lookup());
        assertSame(p, t.remaining());
        assertEquals(PendingSignIns.Lookup.UNKNOWN, p.take("", T0).lookup());
        assertEquals(PendingSignIns.Lookup.UNKNOWN, p.take("a ", T0).lookup(), "exact match only");
    }

    @Test
    void flowOlderThanTenMinutesIsReportedExpiredAndConsumed() {
        PendingSignIns p = PendingSignIns.empty().with(flow("a", T0), T0);
        assertEquals(PendingSignIns.Lookup.FOUND, p.take("a", T0.plus(Duration.ofMinutes(9))).lookup());
        PendingSignIns.Taken late = p.take("a", T0.plus(Duration.ofMinutes(10)));
        assertEquals(PendingSignIns.Lookup.EXPIRED, late.lookup());
        assertTrue(late.remaining().entries().isEmpty());
    }

    @Test
    void atMostFivePendingFlowsAndTheOldestIsDropped() {
        PendingSignIns p = PendingSignIns.empty();
        for (int i = 0; i < 10_000; i++) {
            p = p.with(flow("s" + i, T0), T0);
        }
        assertEquals(PendingSignIns.MAX, p.entries().size());
        assertEquals(PendingSignIns.Lookup.UNKNOWN, p.take("s0", T0).lookup());
        assertEquals(PendingSignIns.Lookup.FOUND, p.take("s9999", T0).lookup());
        assertEquals(PendingSignIns.Lookup.FOUND, p.take("s9995", T0).lookup());
    }

    @Test
    void toStringNeverShowsStateVerifierNonceOrTokens() {
        String s = PendingSignIns.empty().with(new PendingSignIn("st4te", "v3rifier", "n0nce", "https://op", "/home", T0),
                T0).toString();
        assertFalse(s.contains("st4te") || s.contains("v3rifier") || s.contains("n0nce"), s);
        TokenSet t = new TokenSet("acc3ss", "r3fresh", T0, "openid");
        assertFalse(t.toString().contains("acc3ss") || t.toString().contains("r3fresh"), t.toString());
    }

    @Test
    void sessionRecordsSurviveSerialization() throws Exception {
        Object[] values = {PendingSignIns.empty().with(flow("a", T0), T0),
            new SignedInSession(new com.meshagent.filter.MeshAgentUser("https://op", "u1", "u@x", "U"),
                    new TokenSet("a", "r", T0, null), 3)};
        for (Object v : values) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
                out.writeObject(v);
            }
            try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
                assertEquals(v, in.readObject());
            }
        }
    }
}
