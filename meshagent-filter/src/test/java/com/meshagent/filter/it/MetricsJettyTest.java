package com.meshagent.filter.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.meshagent.filter.MeshAgentConfig;
import com.meshagent.filter.internal.oauth.SingleFlightRefresher;
import com.meshagent.filter.testing.Browser;
import com.meshagent.filter.testing.DevServerApps;
import com.meshagent.filter.testing.DevServerSignIn;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The filter's Micrometer meters, counted by real traffic: a browser signing in through the devserver, room
 * tokens minted, served from the cache, denied and rate limited, refreshes that succeed, fail and end the
 * sign-in, and the provider calls behind them. Tags never carry a user id, an email or a room name.
 */
class MetricsJettyTest extends MeshAgentModeAppTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    @Override
    MeshAgentConfig.Builder settings(MeshAgentConfig.Builder meshAgentMode) {
        return meshAgentMode
                .roomAccessPolicy(DevServerApps.secretRoomsDenied(room -> "owners only"))
                .protectedPaths("/app/*")
                .readTimeout(Duration.ofSeconds(2))
                .meterRegistry(registry);
    }

    private double count(String name, String... tags) {
        var search = registry.find(name).tags(tags);
        if (search.counter() != null) {
            return search.counter().count();
        }
        if (search.functionCounter() != null) {
            return search.functionCounter().count();
        }
        return search.timer() == null ? 0 : search.timer().count();
    }

    private Browser signedIn() throws Exception {
        Browser b = new Browser();
        HttpResponse<String> r = DevServerSignIn.signIn(b, app.uri("/meshagent/login?return_to=/app/home"),
                "ada@example.com");
        assertEquals(303, r.statusCode(), r.body());
        return b;
    }

    private HttpResponse<String> roomToken(Browser b, String room) throws Exception {
        return b.post(app.uri("/meshagent/rooms/" + room + "/token"), "Origin", app.base().toString());
    }

    @Test
    void signInsAndProviderCallsAreCounted() throws Exception {
        Browser b = new Browser();
        URI callback = DevServerSignIn.callbackFor(b, app.uri("/meshagent/login?return_to=/app/home"), "ada@example.com");
        assertEquals(303, b.get(callback).statusCode());
        assertEquals(1, count("meshagent.sign.ins", "outcome", "success"));
        assertEquals(1, count("meshagent.provider.requests", "endpoint", "token", "outcome", "success"));
        assertEquals(1, count("meshagent.provider.requests", "endpoint", "profile", "outcome", "success"));

        Browser other = new Browser();
        assertEquals(400, other.get(callback).statusCode(), "a callback this browser did not start");
        assertEquals(1, count("meshagent.sign.ins", "outcome", "rejected"));

        dev.knobs().tokenEndpointFailure(500);
        Browser third = new Browser();
        assertEquals(502, DevServerSignIn.signIn(third, app.uri("/meshagent/login"), "bob@example.com").statusCode());
        assertEquals(1, count("meshagent.sign.ins", "outcome", "provider_unavailable"));
        assertEquals(1, count("meshagent.provider.requests", "endpoint", "token", "outcome", "server_error"));
        assertNoPersonalDataInTags();
    }

    @Test
    void roomTokensAreCountedByResult() throws Exception {
        Browser b = signedIn();
        assertEquals(200, roomToken(b, "lobby").statusCode());
        assertEquals(200, roomToken(b, "lobby").statusCode());
        assertEquals(200, roomToken(b, "lobby").statusCode());
        assertEquals(403, roomToken(b, "secret-plans").statusCode());
        assertEquals(1, count("meshagent.room.tokens", "result", "minted"));
        assertEquals(2, count("meshagent.room.tokens", "result", "cached"));
        assertEquals(1, count("meshagent.room.tokens", "result", "denied"));
        int limited = 0;
        for (int i = 0; i < 60; i++) {
            if (roomToken(b, "lobby").statusCode() == 429) {
                limited++;
            }
        }
        assertTrue(limited > 0);
        assertEquals(limited, count("meshagent.room.tokens", "result", "rate_limited"));
        assertNoPersonalDataInTags();
    }

    @Test
    void refreshesAreCountedByOutcome() throws Exception {
        Browser b = signedIn();
        clock.advance(Duration.ofHours(3));
        assertEquals(200, b.get(app.uri("/app/x")).statusCode());
        assertEquals(1, count("meshagent.refreshes", "outcome", "refreshed"));

        dev.knobs().tokenEndpointFailure(503);
        clock.advance(Duration.ofHours(3));
        assertEquals(503, b.get(app.uri("/app/x")).statusCode());
        assertEquals(1, count("meshagent.refreshes", "outcome", "transient_failure"));
        assertEquals(503, b.get(app.uri("/app/x")).statusCode());
        assertEquals(1, count("meshagent.refreshes", "outcome", "joined"), "served the remembered failure");

        dev.knobs().tokenEndpointFailure(0);
        dev.knobs().forceInvalidGrant(true);
        clock.advance(SingleFlightRefresher.FAILURE_BACKOFF);
        assertEquals(302, b.get(app.uri("/app/x")).statusCode());
        assertEquals(1, count("meshagent.refreshes", "outcome", "invalid_grant"));
        assertTrue(count("meshagent.provider.requests", "endpoint", "token", "outcome", "client_error") >= 1);
        assertNoPersonalDataInTags();
    }

    /** Bounded cardinality: no email, user id or room name ever becomes a tag value. */
    private void assertNoPersonalDataInTags() {
        for (Meter m : registry.getMeters()) {
            for (Tag t : m.getId().getTags()) {
                assertFalse(t.getValue().contains("@") || t.getValue().contains("lobby") || t.getValue().contains("secret")
                        || t.getValue().contains("127.0.0.1"), m.getId().toString());
            }
        }
    }
}
