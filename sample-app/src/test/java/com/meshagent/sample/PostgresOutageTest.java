package com.meshagent.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.meshagent.devserver.DevServer;
import com.meshagent.filter.admin.MeshAgentApi;
import com.meshagent.filter.admin.OAuthClientSpec;
import com.meshagent.testsupport.PostgresServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.htmlunit.WebClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Two sample nodes sharing sessions in a real PostgreSQL that stops and comes back: meanwhile a signed-in
 * user's requests get 503 {@code application/problem+json} with reason {@code session_store_unavailable} on both
 * nodes (not a 500, not a sign-in prompt), and once PostgreSQL is back the user is still signed in on both.
 */
class PostgresOutageTest {

    private PostgresServer pg;
    private DevServer meshagent;
    private SampleApp.Running node1;
    private SampleApp.Running node2;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @AfterEach
    void stop() {
        for (SampleApp.Running n : new SampleApp.Running[] {node1, node2}) {
            if (n != null) {
                n.stop();
            }
        }
        if (meshagent != null) {
            meshagent.stop();
        }
        if (pg != null) {
            pg.close();
        }
    }

    private HttpResponse<String> get(URI node, String path, String cookie) throws Exception {
        return http.send(HttpRequest.newBuilder(node.resolve(path)).header("Cookie", cookie)
                .header("Accept", "application/json").timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /**
     * GETs until the answer is not 503: while the node finds its way back to the database (the guard probes a
     * database it found down once a second; pooled connections that died with it fail once each) it may still
     * answer 503, never "signed out".
     */
    private HttpResponse<String> afterOutage(URI node, String path, String cookie) throws Exception {
        HttpResponse<String> r = get(node, path, cookie);
        for (int i = 0; i < 40 && r.statusCode() == 503; i++) {
            Thread.sleep(250);
            r = get(node, path, cookie);
        }
        return r;
    }

    @Test
    void whilePostgresIsDownSignedInUsersGet503AndAfterwardsTheyAreStillSignedIn() throws Exception {
        pg = PostgresServer.start(Path.of("target"));
        String jdbcUrl = pg.createDatabase("outage");
        meshagent = DevServer.builder().port(0).start();
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        node1 = SampleApp.start(SharedSessionEnv.of(meshagent, pg, jdbcUrl), quiet);
        node2 = SampleApp.start(SharedSessionEnv.of(meshagent, pg, jdbcUrl), quiet);
        DevServer.Bootstrap boot = meshagent.bootstrap();
        MeshAgentApi.builder().apiUrl(URI.create(boot.apiUrl())).apiKey(boot.apiKey()).build()
                .updateOAuthClient(boot.projectId(), boot.clientId(), new OAuthClientSpec(null, null,
                        List.of(node1.uri() + "/meshagent/callback", node2.uri() + "/meshagent/callback"), null, null, null));
        String cookie;
        try (WebClient browser = Browsers.htmlUnit()) {
            Browsers.signIn(browser, node1.uri(), "outage@example.com", "Outage");
            cookie = "JSESSIONID=" + browser.getCookieManager().getCookie("JSESSIONID").getValue();
        }
        for (SampleApp.Running node : List.of(node1, node2)) {
            assertEquals(200, get(node.uri(), "/rooms", cookie).statusCode());
        }

        pg.stop();
        for (SampleApp.Running node : List.of(node1, node2)) {
            for (String path : List.of("/rooms", "/meshagent/session")) {
                HttpResponse<String> r = get(node.uri(), path, cookie);
                assertEquals(503, r.statusCode(), node.uri() + path + ": " + r.body());
                assertEquals("application/problem+json", r.headers().firstValue("Content-Type").orElse("").split(";")[0]);
                assertTrue(r.body().contains("\"reason\":\"session_store_unavailable\""), r.body());
                assertTrue(r.headers().firstValue("Retry-After").isPresent());
            }
        }
        assertEquals(503, get(node2.uri(), "/meshagent/login?return_to=/rooms", "x=1").statusCode(),
                "no new sign-in while no session can be stored");

        pg.restart();
        for (SampleApp.Running node : List.of(node1, node2)) {
            HttpResponse<String> r = afterOutage(node.uri(), "/rooms", cookie);
            assertEquals(200, r.statusCode(), node.uri() + ": " + r.body());
            r = afterOutage(node.uri(), "/meshagent/session", cookie);
            assertTrue(r.body().contains("\"signed_in\":true"), r.body());
        }
    }
}
