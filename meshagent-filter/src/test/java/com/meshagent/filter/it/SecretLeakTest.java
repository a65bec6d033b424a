package com.meshagent.filter.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.meshagent.devserver.DevServer;
import com.meshagent.filter.MeshAgentConfig;
import com.meshagent.filter.internal.oauth.SingleFlightRefresher;
import com.meshagent.filter.room.ApiScope;
import com.meshagent.filter.room.ParticipantRole;
import com.meshagent.filter.room.RoomAccessPolicy;
import com.meshagent.filter.testing.Browser;
import com.meshagent.filter.testing.DevServerSignIn;
import com.meshagent.filter.testing.JettyApp;
import com.meshagent.filter.testing.MutableClock;
import com.meshagent.filter.testing.Queries;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * TH-02 and TH-03: run sign-in, refresh, a failed refresh, a refused callback, a room token and sign-out,
 * keeping every response and every log line of the filter, then look for each secret in them.
 */
class SecretLeakTest {

    @Test
    void noSecretAppearsInResponsesOrTheFiltersLogs() throws Exception {
        MutableClock clock = MutableClock.atSystemTime();
        DevServer[] dev = new DevServer[1];
        List<HttpResponse<String>> responses = new ArrayList<>();
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream originalErr = System.err;
        PrintStream originalOut = System.out;
        Map<String, String> secrets = new LinkedHashMap<>();
        String roomToken;
        try (JettyApp app = JettyApp.start(base -> {
            dev[0] = DevServer.builder().port(0).clock(clock).redirectUris(base + "/meshagent/callback").start();
            return MeshAgentConfig.builder().apiUrl(dev[0].bootstrap().apiUrl()).clientId(dev[0].bootstrap().clientId())
                    .clientSecret(dev[0].bootstrap().clientSecret()).apiKey(dev[0].bootstrap().apiKey())
                    .roomAccessPolicy(RoomAccessPolicy.allowAll(ParticipantRole.USER, ApiScope.userDefault()))
                    .redirectUri(base + "/meshagent/callback").protectedPaths("/app/*").clock(clock).build();
        })) {
            // whichever SLF4J binding is on the class path writes to one of these, looked up per write
            System.setErr(new PrintStream(new TeeStream(captured, originalErr), true, StandardCharsets.UTF_8));
            System.setOut(new PrintStream(new TeeStream(captured, originalOut), true, StandardCharsets.UTF_8));
            secrets.put("client secret", dev[0].bootstrap().clientSecret());
            secrets.put("api key", dev[0].bootstrap().apiKey());
            Browser b = new Browser();
            URI callback = DevServerSignIn.callbackFor(b, app.uri("/meshagent/login?return_to=/app/x"), "ada@example.com");
            Map<String, List<String>> q = Queries.parse(callback.getRawQuery());
            secrets.put("code", q.get("code").get(0));
            secrets.put("state", q.get("state").get(0));
            responses.add(b.get(callback));
            secrets.put("session id", b.sessionId(app.base()).orElseThrow());
            String[] tokens = b.get(app.uri("/app/test-only-tokens")).body().split(" ");
            secrets.put("access token", tokens[0]);
            secrets.put("refresh token", tokens[1]);

            responses.add(b.get(callback));
            responses.add(new Browser().get(callback));
            responses.add(b.get(app.uri("/meshagent/session")));
            responses.add(b.get(app.uri("/app/x")));
            dev[0].knobs().tokenEndpointFailure(503);
            clock.advance(Duration.ofHours(3));
            responses.add(b.get(app.uri("/app/x"), "Accept", "application/json"));
            responses.add(b.get(app.uri("/app/x")));
            responses.add(b.post(app.uri("/meshagent/rooms/team/token"), "Origin", app.base().toString()));
            dev[0].knobs().tokenEndpointFailure(0);
            clock.advance(SingleFlightRefresher.FAILURE_BACKOFF);
            responses.add(b.get(app.uri("/app/x")));
            HttpResponse<String> room = b.post(app.uri("/meshagent/rooms/team/token"), "Origin", app.base().toString());
            assertEquals(200, room.statusCode(), room.body());
            roomToken = room.body().replaceAll(".*\"token\":\"([^\"]+)\".*", "$1");
            responses.add(b.post(app.uri("/meshagent/logout"), "Origin", app.base().toString()));
            responses.add(b.get(app.uri("/app/x"), "Accept", "application/json"));
        } finally {
            System.setErr(originalErr);
            System.setOut(originalOut);
            if (dev[0] != null) {
                dev[0].close();
            }
        }
        secrets.put("participant token", roomToken);

        String ours = captured.toString(StandardCharsets.UTF_8).lines()
                .filter(l -> l.contains(" com.meshagent.filter.") && !l.contains("com.meshagent.filter.testing")).reduce("", (a, l) -> a + l + "\n");
        assertTrue(ours.contains("signed in"), "the filter's log lines were captured:\n" + ours);
        for (Map.Entry<String, String> secret : secrets.entrySet()) {
            assertTrue(secret.getValue().length() >= 8, secret.getKey());
            assertFalse(ours.contains(secret.getValue()), secret.getKey() + " in the logs:\n" + ours);
            for (HttpResponse<String> r : responses) {
                assertFalse(r.body().contains(secret.getValue()), secret.getKey() + " in " + r.uri() + ": " + r.body());
                r.headers().map().forEach((name, values) -> {
                    if (!name.equalsIgnoreCase("set-cookie")) {
                        assertFalse(values.toString().contains(secret.getValue()), secret.getKey() + " in header " + name);
                    }
                });
            }
        }
    }

    /** Copies everything to the capture and still shows it in the test's output. */
    private static final class TeeStream extends java.io.OutputStream {
        private final java.io.OutputStream a;
        private final java.io.OutputStream b;

        TeeStream(java.io.OutputStream a, java.io.OutputStream b) {
            this.a = a;
            this.b = b;
        }

        @Override
        public synchronized void write(int c) throws java.io.IOException {
            a.write(c);
            b.write(c);
        }

        @Override
        public synchronized void write(byte[] buf, int off, int len) throws java.io.IOException {
            a.write(buf, off, len);
            b.write(buf, off, len);
        }
    }
}
