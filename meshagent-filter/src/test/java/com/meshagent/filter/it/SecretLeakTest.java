package com.meshagent.filter.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.meshagent.devserver.DevServer;
import com.meshagent.filter.internal.oauth.SingleFlightRefresher;
import com.meshagent.filter.room.ApiScope;
import com.meshagent.filter.room.ParticipantRole;
import com.meshagent.filter.room.RoomAccessPolicy;
import com.meshagent.filter.testing.Browser;
import com.meshagent.filter.testing.DevServerApps;
import com.meshagent.filter.testing.DevServerSignIn;
import com.meshagent.filter.testing.JettyApp;
import com.meshagent.filter.testing.Queries;
import com.meshagent.testsupport.MutableClock;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
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
        // the filter logs through System.Logger, which is java.util.logging here: keep every record of ours
        StringBuffer captured = new StringBuffer();
        Logger ours = Logger.getLogger("com.meshagent.filter");
        Level originalLevel = ours.getLevel();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord r) {
                captured.append(r.getLevel()).append(' ').append(r.getLoggerName()).append(' ')
                        .append(new SimpleFormatter().formatMessage(r)).append('\n');
                if (r.getThrown() != null) {
                    java.io.StringWriter trace = new java.io.StringWriter();
                    r.getThrown().printStackTrace(new java.io.PrintWriter(trace));
                    captured.append(trace).append('\n');
                }
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        };
        capture.setLevel(Level.ALL);
        ours.setLevel(Level.ALL); // debug lines too
        ours.addHandler(capture);
        Map<String, String> secrets = new LinkedHashMap<>();
        String roomToken;
        try (JettyApp app = JettyApp.start(base -> {
            dev[0] = DevServer.builder().port(0).clock(clock).redirectUris(base + "/meshagent/callback").start();
            return DevServerApps.meshAgentMode(dev[0], base)
                    .roomAccessPolicy(RoomAccessPolicy.allowAll(ParticipantRole.USER, ApiScope.userDefault()))
                    .protectedPaths("/app/*").clock(clock).build();
        })) {
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
            ours.removeHandler(capture);
            ours.setLevel(originalLevel);
            if (dev[0] != null) {
                dev[0].close();
            }
        }
        secrets.put("participant token", roomToken);

        String logged = captured.toString();
        assertTrue(logged.contains("signed in"), "the filter's log lines were captured:\n" + logged);
        for (Map.Entry<String, String> secret : secrets.entrySet()) {
            assertTrue(secret.getValue().length() >= 8, secret.getKey());
            assertFalse(logged.contains(secret.getValue()), secret.getKey() + " in the logs:\n" + logged);
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
}
