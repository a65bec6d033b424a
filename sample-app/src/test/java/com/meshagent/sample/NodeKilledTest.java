package com.meshagent.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.meshagent.devserver.DevServer;
import com.meshagent.filter.admin.MeshAgentApi;
import com.meshagent.filter.admin.OAuthClientSpec;
import com.meshagent.testsupport.PostgresServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.htmlunit.WebClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Two sample nodes as separate processes (child JVMs) sharing sessions in a real PostgreSQL; node 1 is killed
 * with SIGKILL while users' requests are running against both. Node 2 keeps serving every signed-in user: no
 * request to it fails and nobody is signed out. A sign-out on node 1 before the kill holds on node 2.
 */
class NodeKilledTest {

    private static final Pattern READY = Pattern.compile("Sample app ready: open (http://\\S+)/ ");

    private PostgresServer pg;
    private DevServer meshagent;
    private final List<Process> nodes = new ArrayList<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @AfterEach
    void stop() {
        nodes.forEach(Process::destroyForcibly);
        if (meshagent != null) {
            meshagent.stop();
        }
        if (pg != null) {
            pg.close();
        }
    }

    /** {@code java -cp <this test's class path> SampleApp} with the two-node variables; waits until it is ready. */
    private URI startNode(String jdbcUrl) throws Exception {
        ProcessBuilder b = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-cp", System.getProperty("java.class.path"), SampleApp.class.getName());
        b.redirectErrorStream(true);
        b.environment().putAll(SharedSessionEnv.of(meshagent, pg, jdbcUrl));
        Process p = b.start();
        nodes.add(p);
        CompletableFuture<URI> ready = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = out.readLine()) != null; ) {
                    Matcher m = READY.matcher(line);
                    if (m.find()) {
                        ready.complete(URI.create(m.group(1)));
                    }
                }
            } catch (IOException ignored) {
                // the process ended
            }
            ready.completeExceptionally(new IllegalStateException("node exited before it was ready"));
        }, "node-output");
        reader.setDaemon(true);
        reader.start();
        return ready.get(90, TimeUnit.SECONDS);
    }

    private String sessionCookie(URI node, String email) throws Exception {
        try (WebClient browser = Browsers.htmlUnit()) {
            Browsers.signIn(browser, node, email, email);
            return "JSESSIONID=" + browser.getCookieManager().getCookie("JSESSIONID").getValue();
        }
    }

    private HttpResponse<String> get(URI node, String path, String cookie) throws Exception {
        return http.send(HttpRequest.newBuilder(node.resolve(path)).header("Cookie", cookie)
                .header("Accept", "application/json").timeout(Duration.ofSeconds(20)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private boolean signedIn(URI node, String cookie) throws Exception {
        HttpResponse<String> r = get(node, "/meshagent/session", cookie);
        assertEquals(200, r.statusCode(), r.body());
        return r.body().contains("\"signed_in\":true");
    }

    @Test
    void node2KeepsServingEverySignedInUserWhenNode1IsKilledMidTraffic() throws Exception {
        pg = PostgresServer.start(Path.of("target"));
        String jdbcUrl = pg.createDatabase("killed_node");
        meshagent = DevServer.builder().port(0).start();
        URI node1 = startNode(jdbcUrl);
        URI node2 = startNode(jdbcUrl);
        DevServer.Bootstrap boot = meshagent.bootstrap();
        MeshAgentApi.builder().apiUrl(URI.create(boot.apiUrl())).apiKey(boot.apiKey()).build()
                .updateOAuthClient(boot.projectId(), boot.clientId(), new OAuthClientSpec(null, null,
                        List.of(node1 + "/meshagent/callback", node2 + "/meshagent/callback"), null, null, null));

        List<String> users = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            users.add(sessionCookie(node1, "user" + i + "@example.com"));
        }
        String leaving = sessionCookie(node1, "leaving@example.com");
        assertTrue(signedIn(node2, leaving));
        HttpResponse<String> out = http.send(HttpRequest.newBuilder(node1.resolve("/meshagent/logout"))
                .header("Cookie", leaving).header("Origin", node1.toString()).POST(HttpRequest.BodyPublishers.noBody())
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(303, out.statusCode(), out.body());
        assertTrue(!signedIn(node2, leaving), "the sign-out on node 1 holds on node 2");

        AtomicBoolean running = new AtomicBoolean(true);
        AtomicInteger node2Ok = new AtomicInteger();
        Map<String, Integer> node2Failures = new ConcurrentHashMap<>();
        ExecutorService traffic = Executors.newFixedThreadPool(users.size() * 2);
        for (String cookie : users) {
            for (URI node : List.of(node1, node2)) {
                traffic.submit(() -> {
                    while (running.get()) {
                        try {
                            int status = get(node, "/rooms", cookie).statusCode();
                            if (node == node2) {
                                if (status == 200) {
                                    node2Ok.incrementAndGet();
                                } else {
                                    node2Failures.merge("HTTP " + status, 1, Integer::sum);
                                }
                            }
                        } catch (Exception e) {
                            if (node == node2) {
                                node2Failures.merge(e.getClass().getSimpleName(), 1, Integer::sum);
                            }
                        }
                    }
                    return null;
                });
            }
        }
        Thread.sleep(1_000);
        Process first = nodes.get(0);
        first.destroyForcibly(); // SIGKILL on Unix
        assertTrue(first.waitFor(10, TimeUnit.SECONDS), "node 1 is gone");
        int before = node2Ok.get();
        Thread.sleep(1_500);
        running.set(false);
        traffic.shutdown();
        assertTrue(traffic.awaitTermination(30, TimeUnit.SECONDS));

        assertEquals(Map.of(), node2Failures, "no request to node 2 failed");
        assertTrue(node2Ok.get() > before, "node 2 served requests after node 1 was killed");
        for (String cookie : users) {
            assertTrue(signedIn(node2, cookie), "still signed in on node 2");
        }
    }
}
