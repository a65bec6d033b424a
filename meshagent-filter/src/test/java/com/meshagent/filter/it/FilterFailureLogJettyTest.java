package com.meshagent.filter.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.meshagent.filter.MeshAgentConfig;
import com.meshagent.filter.cluster.ProviderLogouts;
import com.meshagent.filter.testing.Browser;
import com.meshagent.filter.testing.JettyApp;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import org.junit.jupiter.api.Test;

/**
 * A failure inside the filter (here: the shared store of provider logouts is unreachable, as a database can be) is a
 * 500 without details, and its log line names the request by its path: a session id that came in the URL next to
 * the cookie (Jetty keeps {@code ;jsessionid=} in the request URI) never reaches the log.
 */
class FilterFailureLogJettyTest {

    @Test
    void aFailureIsLoggedWithThePathNeverTheSessionIdTheUrlCarried() throws Exception {
        AtomicBoolean storeDown = new AtomicBoolean();
        ProviderLogouts memory = ProviderLogouts.inMemory();
        ProviderLogouts store = new ProviderLogouts() {
            @Override
            public boolean record(Logout logout) {
                return memory.record(logout);
            }

            @Override
            public boolean ended(String issuer, String sid, String sub, Instant signedInAt) {
                if (storeDown.get()) {
                    throw new IllegalStateException("logout store unreachable");
                }
                return memory.ended(issuer, sid, sub, signedInAt);
            }
        };
        StringBuffer logged = new StringBuffer();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord r) {
                logged.append(new SimpleFormatter().formatMessage(r)).append('\n');
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        };
        Logger ours = Logger.getLogger("com.meshagent.filter");
        ours.addHandler(capture);
        MockOAuth2Server oidc = new MockOAuth2Server();
        oidc.start();
        try (JettyApp app = JettyApp.start(base -> MeshAgentConfig.builder()
                .issuer(oidc.issuerUrl("default").toString())
                .clientId("sample-client")
                .clientSecret("s3cr3t")
                .redirectUri(base + "/meshagent/callback")
                .protectedPaths("/app/*")
                .providerLogouts(store)
                .build())) {
            Browser b = new Browser();
            HttpResponse<String> login = b.get(app.uri("/meshagent/login?return_to=/app/x"));
            assertEquals(303, b.get(Browser.location(b.get(Browser.location(login)))).statusCode());
            String sessionId = b.sessionId(app.base()).orElseThrow();
            assertEquals(200, b.get(app.uri("/app/x")).statusCode());

            storeDown.set(true);
            HttpResponse<String> failed = b.get(app.uri("/app/x;jsessionid=" + sessionId));

            assertEquals(500, failed.statusCode(), failed.body());
            assertFalse(failed.body().contains(sessionId), failed.body());
            assertTrue(logged.toString().contains("could not handle GET /app/x"), logged.toString());
            assertFalse(logged.toString().contains(sessionId), "session id in the log:\n" + logged);
        } finally {
            ours.removeHandler(capture);
            oidc.shutdown();
        }
    }
}
