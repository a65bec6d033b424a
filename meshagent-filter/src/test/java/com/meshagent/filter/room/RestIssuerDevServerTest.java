package com.meshagent.filter.room;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.meshagent.devserver.DevServer;
import com.meshagent.filter.MeshAgentUser;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@link ParticipantTokenIssuer#rest} against the devserver's {@code POST .../participant-tokens}. */
class RestIssuerDevServerTest {

    private static DevServer server;
    private static ApiKey key;

    @BeforeAll
    static void start() {
        server = DevServer.start(0);
        key = ApiKey.parse(server.bootstrap().apiKey());
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    private static ParticipantTokenIssuer rest(String credential) {
        return ParticipantTokenIssuer.rest(server.baseUri(), server.bootstrap().projectId(), credential);
    }

    @Test
    void serverMintedTokenCarriesTheRequestedGrantsAndVerifiesWithTheProjectKey() {
        Instant now = Instant.now();
        ApiScope scope = ApiScope.userDefault().with(new ApiScope.Llm(List.of("openai/*")));
        ParticipantTokenIssuer.MintedToken minted = rest(server.bootstrap().apiKey())
                .mint(ParticipantToken.forRoom("alice@example.com", "team-a", ParticipantRole.AGENT, scope, now,
                        now.plus(Duration.ofMinutes(10))));
        ParticipantToken token = ParticipantToken.verify(minted.jwt(), key);
        assertEquals("alice@example.com", token.name());
        assertEquals("team-a", token.room().orElseThrow());
        assertEquals(ParticipantRole.AGENT, token.role());
        assertEquals(scope, token.api().orElseThrow());
        assertEquals(key.projectId(), token.projectId());
        assertEquals(token.expiresAt(), minted.expiresAt());
        assertTrue(minted.expiresAt().isAfter(now));
    }

    @Test
    void roomTokensCanMintThroughTheRestIssuer() {
        RoomTokens tokens = RoomTokens.builder()
                .policy(RoomAccessPolicy.allowAll(ParticipantRole.USER, ApiScope.userDefault()))
                .issuer(rest(server.bootstrap().apiKey()))
                .roomUrl(URI.create(server.baseUri().toString().replaceFirst("^http", "ws")))
                .clock(Clock.systemUTC()).build();
        MeshAgentUser user = new MeshAgentUser(server.baseUri().toString(), "u-1", "bob@example.com", null);
        RoomTokens.Issued issued = assertInstanceOf(RoomTokens.Issued.class, tokens.issue(user, "team-b"));
        assertEquals("team-b", ParticipantToken.verify(issued.token(), key).room().orElseThrow());
        assertEquals(issued.token(), ((RoomTokens.Issued) tokens.issue(user, "team-b")).token());
        assertEquals(1, tokens.stats().mints());
    }

    @Test
    void badCredentialFailsTheMintWithoutLeakingIt() {
        Instant now = Instant.now();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> rest("not-a-valid-credential")
                .mint(ParticipantToken.forRoom("x", "r", ParticipantRole.USER, ApiScope.none(), now, now.plusSeconds(60))));
        assertTrue(e.getMessage().contains("HTTP 40"), e.getMessage());
        assertTrue(!e.getMessage().contains("not-a-valid-credential"));
    }
}
