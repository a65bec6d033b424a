package com.meshagent.filter.room;

import com.meshagent.testsupport.MutableClock;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.meshagent.filter.MeshAgentUser;
import com.nimbusds.jose.util.JSONObjectUtils;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class RoomTokensTest {

    private static final String PROVIDER = "https://api.meshagent.com";
    private static final MeshAgentUser ALICE = new MeshAgentUser(PROVIDER, "u-alice", "alice@example.com", "Alice", true);
    private static final MeshAgentUser BOB = new MeshAgentUser(PROVIDER, "u-bob", null, "Bob");
    private static final Instant T0 = Instant.parse("2026-11-26T18:00:00Z");

    private final MutableClock clock = new MutableClock(T0);
    private final AtomicInteger mintCalls = new AtomicInteger();

    private ParticipantTokenIssuer countingLocalIssuer() {
        ParticipantTokenIssuer local = ParticipantTokenIssuer.local(TestKeys.key());
        return claims -> {
            mintCalls.incrementAndGet();
            return local.mint(claims);
        };
    }

    private RoomTokens.Builder tokens(RoomAccessPolicy policy) {
        return RoomTokens.builder().policy(policy).apiKey(TestKeys.KEY).issuer(countingLocalIssuer())
                .roomUrl(URI.create("wss://rooms.example.com/")).clock(clock);
    }

    @Test
    void theEndpointsAnswerIsWrittenOnceWhenTheTokenIsMintedFromExactlyItsFields() throws Exception {
        RoomTokens tokens = tokens(RoomAccessPolicy.allowAll(ParticipantRole.USER, ApiScope.userDefault())).build();
        RoomTokens.Issued first = assertInstanceOf(RoomTokens.Issued.class, tokens.issue(ALICE, "my-room"));
        RoomTokens.Issued hit = assertInstanceOf(RoomTokens.Issued.class, tokens.issue(ALICE, "my-room"));
        assertSame(first.json(), hit.json(), "a cache hit hands out the document written at mint time");
        Map<String, Object> doc = JSONObjectUtils.parse(first.json());
        assertEquals(List.of("token", "room_url", "room_name", "participant_name", "expires_at"), List.copyOf(doc.keySet()));
        assertEquals(first.token(), doc.get("token"));
        assertEquals("wss://rooms.example.com/rooms/my-room", doc.get("room_url"));
        assertEquals("my-room", doc.get("room_name"));
        assertEquals("alice@example.com", doc.get("participant_name"));
        assertEquals("2026-11-26T19:00:00Z", doc.get("expires_at"));
        assertFalse(first.toString().contains(first.token()), "toString never shows the token");
    }

    @Test
    void allowedUserGetsAVerifiableTokenForExactlyThatRoomWithExpAndIat() {
        RoomTokens tokens = tokens(RoomAccessPolicy.allowAll(ParticipantRole.USER, ApiScope.userDefault())).build();
        RoomTokens.Issued issued = assertInstanceOf(RoomTokens.Issued.class, tokens.issue(ALICE, "my-room"));
        assertEquals(URI.create("wss://rooms.example.com/rooms/my-room"), issued.roomUrl());
        assertEquals("alice@example.com", issued.participantName());
        assertEquals(T0.plus(Duration.ofHours(1)), issued.expiresAt());
        ParticipantToken t = ParticipantToken.verify(issued.token(), TestKeys.key());
        assertEquals("my-room", t.room().orElseThrow());
        assertEquals(ParticipantRole.USER, t.role());
        assertEquals(ApiScope.userDefault(), t.api().orElseThrow());
        assertEquals(T0, t.issuedAt());
        assertEquals(T0.plus(Duration.ofHours(1)), t.expiresAt());
        assertEquals(TestKeys.PROJECT_ID, t.projectId());
        assertEquals(TestKeys.KEY_ID, t.apiKeyId());
    }

    @Test
    void participantNameIsTheUserIdWhenThereIsNoEmailAndTokenHoldsNoOtherPersonalData() {
        RoomTokens tokens = tokens(RoomAccessPolicy.allowAll(ParticipantRole.USER, ApiScope.userDefault())).build();
        RoomTokens.Issued issued = assertInstanceOf(RoomTokens.Issued.class, tokens.issue(BOB, "r"));
        assertEquals("u-bob", issued.participantName());
        ParticipantToken t = ParticipantToken.verify(issued.token(), TestKeys.key());
        assertEquals("u-bob", t.name());
        assertTrue(t.extra().isEmpty());
        assertFalse(t.toJson().contains("Bob"));
    }

    @Test
    void unverifiedEmailIsNeverTheParticipantNameSoTwoAccountsClaimingItGetDifferentTokens() {
        RoomTokens tokens = tokens(RoomAccessPolicy.allowAll(ParticipantRole.USER, ApiScope.userDefault())).build();
        MeshAgentUser first = new MeshAgentUser(PROVIDER, "u-first", "shared@example.com", null);
        MeshAgentUser second = new MeshAgentUser(PROVIDER, "u-second", "shared@example.com", null, false);
        RoomTokens.Issued a = assertInstanceOf(RoomTokens.Issued.class, tokens.issue(first, "r"));
        RoomTokens.Issued b = assertInstanceOf(RoomTokens.Issued.class, tokens.issue(second, "r"));
        assertEquals("u-first", a.participantName());
        assertEquals("u-second", ParticipantToken.verify(b.token(), TestKeys.key()).name());
        assertNotEquals(a.token(), b.token(), "same clock, same room, same decision: only the name can tell them apart");
        assertFalse(ParticipantToken.verify(a.token(), TestKeys.key()).toJson().contains("shared@"), "the unverified email is not in the token");
    }

    @Test
    void ttlIsCappedByMaxTtl() {
        RoomAccessPolicy longLived = (u, r) -> new RoomAccess.Allowed(ParticipantRole.USER, ApiScope.none(), Duration.ofDays(7));
        RoomTokens tokens = tokens(longLived).maxTtl(Duration.ofMinutes(15)).build();
        RoomTokens.Issued issued = assertInstanceOf(RoomTokens.Issued.class, tokens.issue(ALICE, "r"));
        assertEquals(T0.plus(Duration.ofMinutes(15)), ParticipantToken.verify(issued.token(), TestKeys.key()).expiresAt());
    }

    @Test
    void invalidRoomNamesAreRejectedBeforeThePolicyIsAsked() {
        AtomicInteger asked = new AtomicInteger();
        RoomTokens tokens = tokens((u, r) -> {
            asked.incrementAndGet();
            return new RoomAccess.Denied("no");
        }).build();
        for (String bad : new String[] {null, "", "-a", "a-", "My-Room", "a_b", "a.b", "a/b", "x".repeat(64), "é", "a b", "../x"}) {
            assertInstanceOf(RoomTokens.InvalidRoomName.class, tokens.issue(ALICE, bad), String.valueOf(bad));
        }
        assertEquals(0, asked.get());
        assertEquals(0, mintCalls.get());
    }

    @Test
    void deniedUserGetsThePolicysReasonAndNoToken() {
        RoomTokens tokens = tokens((u, r) -> new RoomAccess.Denied("Invite only")).build();
        assertEquals(new RoomTokens.Denied("Invite only"), tokens.issue(ALICE, "vip"));
        assertEquals(0, mintCalls.get());
        assertEquals(0, tokens.stats().size());
    }

    @Test
    void throwingPolicyYieldsPolicyFailedAndNoToken() {
        RoomTokens tokens = tokens((u, r) -> {
            throw new IllegalStateException("database down");
        }).build();
        RoomTokens.Failed failed = assertInstanceOf(RoomTokens.Failed.class, tokens.issue(ALICE, "r"));
        assertEquals("policy_failed", failed.reason());
        assertFalse(failed.detail().contains("database"));
        assertEquals(0, mintCalls.get());
    }

    @Test
    void policyReturningNullYieldsPolicyFailed() {
        RoomTokens tokens = tokens((u, r) -> null).build();
        assertEquals("policy_failed", assertInstanceOf(RoomTokens.Failed.class, tokens.issue(ALICE, "r")).reason());
    }

    @Test
    void failingIssuerYieldsMintFailedAndCachesNothing() {
        AtomicReference<RuntimeException> fail = new AtomicReference<>(new IllegalStateException("HTTP 503"));
        ParticipantTokenIssuer local = ParticipantTokenIssuer.local(TestKeys.key());
        RoomTokens tokens = tokens(RoomAccessPolicy.allowAll(ParticipantRole.USER, ApiScope.none())).issuer(claims -> {
            if (fail.get() != null) {
                throw fail.get();
            }
            return local.mint(claims);
        }).build();
        assertEquals("mint_failed", assertInstanceOf(RoomTokens.Failed.class, tokens.issue(ALICE, "r")).reason());
        fail.set(null);
        assertInstanceOf(RoomTokens.Issued.class, tokens.issue(ALICE, "r"));
    }

    @Test
    void secondRequestIsServedFromTheCacheWithTheSameToken() {
        RoomTokens tokens = tokens(RoomAccessPolicy.allowAll(ParticipantRole.USER, ApiScope.userDefault())).build();
        RoomTokens.Issued first = (RoomTokens.Issued) tokens.issue(ALICE, "r");
        clock.advance(Duration.ofMinutes(30));
        RoomTokens.Issued second = (RoomTokens.Issued) tokens.issue(ALICE, "r");
        assertEquals(first.token(), second.token());
        assertEquals(1, mintCalls.get());
        assertEquals(new RoomTokens.Stats(1, 1, 1, 1), tokens.stats());
    }

    @Test
    void entryExpiresTheMarginBeforeTheTokensExp() {
        RoomTokens tokens = tokens(RoomAccessPolicy.allowAll(ParticipantRole.USER, ApiScope.none()))
                .expiryMargin(Duration.ofMinutes(5)).build();
        String first = ((RoomTokens.Issued) tokens.issue(ALICE, "r")).token();
        clock.advance(Duration.ofMinutes(55).minusSeconds(1));
        assertEquals(first, ((RoomTokens.Issued) tokens.issue(ALICE, "r")).token());
        clock.advance(Duration.ofSeconds(1));
        RoomTokens.Issued renewed = (RoomTokens.Issued) tokens.issue(ALICE, "r");
        assertNotEquals(first, renewed.token());
        assertEquals(T0.plus(Duration.ofMinutes(55)).plus(Duration.ofHours(1)), renewed.expiresAt());
        assertEquals(2, mintCalls.get());
    }

    @Test
    void policyIsAskedOnEveryRequestSoARevokedUserGetsNoCachedToken() {
        AtomicReference<RoomAccess> decision = new AtomicReference<>(
                new RoomAccess.Allowed(ParticipantRole.USER, ApiScope.userDefault(), Duration.ofHours(1)));
        RoomTokens tokens = tokens((u, r) -> decision.get()).build();
        assertInstanceOf(RoomTokens.Issued.class, tokens.issue(ALICE, "r"));
        decision.set(new RoomAccess.Denied("Removed from the team"));
        assertEquals(new RoomTokens.Denied("Removed from the team"), tokens.issue(ALICE, "r"));
    }

    @Test
    void changedDecisionYieldsANewTokenWithTheNewGrants() {
        AtomicReference<RoomAccess> decision = new AtomicReference<>(
                new RoomAccess.Allowed(ParticipantRole.USER, ApiScope.userDefault(), Duration.ofHours(1)));
        RoomTokens tokens = tokens((u, r) -> decision.get()).build();
        String before = ((RoomTokens.Issued) tokens.issue(ALICE, "r")).token();
        decision.set(new RoomAccess.Allowed(ParticipantRole.USER, ApiScope.agentDefault(), Duration.ofHours(1)));
        String after = ((RoomTokens.Issued) tokens.issue(ALICE, "r")).token();
        assertNotEquals(before, after);
        assertEquals(ApiScope.agentDefault(), ParticipantToken.verify(after, TestKeys.key()).api().orElseThrow());
        decision.set(new RoomAccess.Allowed(ParticipantRole.AGENT, ApiScope.agentDefault(), Duration.ofHours(1)));
        assertEquals(ParticipantRole.AGENT,
                ParticipantToken.verify(((RoomTokens.Issued) tokens.issue(ALICE, "r")).token(), TestKeys.key()).role());
        assertEquals(3, mintCalls.get());
    }

    @Test
    void differentUsersAndRoomsNeverShareATokenEvenWithTheSameId() {
        RoomTokens tokens = tokens(RoomAccessPolicy.allowAll(ParticipantRole.USER, ApiScope.none())).build();
        MeshAgentUser sameIdOtherProvider = new MeshAgentUser("https://idp.example", ALICE.id(), ALICE.email(), null);
        tokens.issue(ALICE, "r");
        tokens.issue(ALICE, "s");
        tokens.issue(BOB, "r");
        tokens.issue(sameIdOtherProvider, "r");
        assertEquals(4, mintCalls.get());
    }

    @Test
    void invalidateUserDropsOnlyThatUsersEntries() {
        RoomTokens tokens = tokens(RoomAccessPolicy.allowAll(ParticipantRole.USER, ApiScope.none())).build();
        String aliceR = ((RoomTokens.Issued) tokens.issue(ALICE, "r")).token();
        tokens.issue(ALICE, "s");
        String bobR = ((RoomTokens.Issued) tokens.issue(BOB, "r")).token();
        tokens.invalidateUser(ALICE);
        assertEquals(1, tokens.stats().size());
        assertEquals(bobR, ((RoomTokens.Issued) tokens.issue(BOB, "r")).token());
        clock.advance(Duration.ofSeconds(1));
        assertNotEquals(aliceR, ((RoomTokens.Issued) tokens.issue(ALICE, "r")).token());
        assertEquals(4, mintCalls.get());
    }

    @Test
    void cacheIsBoundedByMaximumSize() {
        RoomTokens tokens = tokens(RoomAccessPolicy.allowAll(ParticipantRole.USER, ApiScope.none())).maximumSize(3).build();
        for (int i = 0; i < 20; i++) {
            tokens.issue(ALICE, "room-" + i);
        }
        assertTrue(tokens.stats().size() <= 3, "size " + tokens.stats().size());
    }

    @Test
    void concurrentRequestsForTheSameKeyMintOnce() throws Exception {
        CountDownLatch inMint = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ParticipantTokenIssuer local = ParticipantTokenIssuer.local(TestKeys.key());
        RoomTokens tokens = tokens(RoomAccessPolicy.allowAll(ParticipantRole.USER, ApiScope.none())).issuer(claims -> {
            mintCalls.incrementAndGet();
            inMint.countDown();
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return local.mint(claims);
        }).build();
        List<Thread> threads = new CopyOnWriteArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(8, r -> {
            Thread t = new Thread(r);
            threads.add(t);
            return t;
        });
        try {
            List<Future<RoomTokens.Result>> results = new ArrayList<>();
            results.add(pool.submit(() -> tokens.issue(ALICE, "r")));
            assertTrue(inMint.await(10, TimeUnit.SECONDS));
            for (int i = 0; i < 7; i++) {
                results.add(pool.submit(() -> tokens.issue(ALICE, "r")));
            }
            // release only once the other 7 wait on the same entry (blocked on the cache's lock for the key),
            // so they really run concurrently with the mint rather than after it
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (threads.stream().filter(t -> t.getState() == Thread.State.BLOCKED).count() < 7) {
                assertTrue(System.nanoTime() < deadline, "7 requests never waited on the entry being minted");
                Thread.sleep(5);
            }
            release.countDown();
            String token = null;
            for (Future<RoomTokens.Result> f : results) {
                RoomTokens.Issued issued = (RoomTokens.Issued) f.get(10, TimeUnit.SECONDS);
                token = token == null ? issued.token() : token;
                assertEquals(token, issued.token());
            }
            assertEquals(1, mintCalls.get());
            assertEquals(1, tokens.stats().mints());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void suggestedRoomsAreFilteredToValidNamesAndSurviveAThrowingPolicy() {
        RoomAccessPolicy policy = new RoomAccessPolicy() {
            @Override
            public RoomAccess decide(MeshAgentUser user, String roomName) {
                return new RoomAccess.Denied("no");
            }

            @Override
            public List<String> suggestedRooms(MeshAgentUser user) {
                if (user == BOB) {
                    throw new IllegalStateException("boom");
                }
                return List.of("lobby", "Bad Name", "team-1", "lobby");
            }
        };
        RoomTokens tokens = tokens(policy).build();
        assertEquals(List.of("lobby", "team-1"), tokens.suggestedRooms(ALICE));
        assertEquals(List.of(), tokens.suggestedRooms(BOB));
    }

    @Test
    void issuedToStringRedactsTheToken() {
        RoomTokens tokens = tokens(RoomAccessPolicy.allowAll(ParticipantRole.USER, ApiScope.none())).build();
        RoomTokens.Issued issued = (RoomTokens.Issued) tokens.issue(ALICE, "r");
        assertFalse(issued.toString().contains(issued.token()));
        assertFalse(new ParticipantTokenIssuer.MintedToken(issued.token(), T0).toString().contains(issued.token()));
    }

    @Test
    void builderRejectsMissingAndBadSettingsNamingThem() {
        RoomAccessPolicy p = RoomAccessPolicy.denyAll();
        assertEquals("roomUrl must be an absolute ws:// or wss:// URL: https://x",
                assertThrows(IllegalArgumentException.class, () -> RoomTokens.builder().roomUrl(URI.create("https://x"))).getMessage());
        assertEquals("maxTtl must be positive: PT0S",
                assertThrows(IllegalArgumentException.class, () -> RoomTokens.builder().maxTtl(Duration.ZERO)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> RoomTokens.builder().expiryMargin(Duration.ofSeconds(-1)));
        assertThrows(IllegalArgumentException.class, () -> RoomTokens.builder().maximumSize(-1));
        assertThrows(IllegalArgumentException.class, () -> RoomTokens.builder().apiKey("not-a-key"));
        assertTrue(assertThrows(IllegalStateException.class, () -> RoomTokens.builder().roomUrl(URI.create("wss://x")).build())
                .getMessage().startsWith("policy is required"));
        assertTrue(assertThrows(IllegalStateException.class, () -> RoomTokens.builder().policy(p).roomUrl(URI.create("wss://x")).build())
                .getMessage().startsWith("apiKey is required"));
        assertTrue(assertThrows(IllegalStateException.class, () -> RoomTokens.builder().policy(p).apiKey(TestKeys.KEY).build())
                .getMessage().startsWith("roomUrl is required"));
        assertTrue(assertThrows(IllegalStateException.class, () -> RoomTokens.builder().policy(p).apiKey(TestKeys.KEY)
                .roomUrl(URI.create("wss://x")).maxTtl(Duration.ofSeconds(30)).build()).getMessage().startsWith("expiryMargin"));
    }
}
