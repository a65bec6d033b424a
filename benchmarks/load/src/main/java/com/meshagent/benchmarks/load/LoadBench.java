package com.meshagent.benchmarks.load;

import com.meshagent.devserver.DevServer;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * The driver of benchmarks/load/run.sh (see docs/benchmarks.md). Starts the devserver in this JVM, each server in
 * its own JVM pinned to the server core, signs in once per server, then loads every server with wrk pinned to the
 * client core, round-robin over rounds, and prints Markdown tables of ratios to the bare servlet of the same round
 * and their medians. Ends with the refresh storm against the filter.
 *
 * <p>Settings are system properties: {@code rounds} (5), {@code duration} (wrk {@code -d}, 6s), {@code warmup}
 * (one warm-up slice, 5s), {@code warmupSlices} (15), {@code warmupMinSlices} (8), {@code warmupTolerance} (0.05),
 * {@code connections} (16,64), {@code servers} (bare,session,filter,pac4j,spring), {@code endpoints} (get,room),
 * {@code jvmFlags}, {@code clientCore} (0), {@code serverCore} (1), {@code loadCp}, {@code springCp},
 * {@code storm} (500), {@code out}.
 */
public final class LoadBench {

    /**
     * One wrk run's figures. {@code cpuMicrosPerRequest} is the server JVM's CPU time (user and system, from
     * {@code /proc/<pid>/stat}) during the run divided by the requests served: unlike requests/s it does not
     * move when something else takes the server's core for a while, so it is the steadier of the two on a
     * shared machine.
     */
    record Figures(double rps, double p50Micros, double p99Micros, double cpuMicrosPerRequest,
            double systemMicrosPerRequest) {}

    /** One server under load. */
    record Target(String kind, int port, Process process) {
        URI base() {
            return URI.create("http://localhost:" + port);
        }

        String wrkBase() {
            return "http://127.0.0.1:" + port;
        }
    }

    /**
     * The room-token endpoint and, in the same JVM, its baseline and the baseline plus a session lookup, by the
     * name their rows get; "bare" is what the others are divided by.
     */
    private static final Map<String, String> ROOM_ENDPOINTS = new LinkedHashMap<>();

    static {
        ROOM_ENDPOINTS.put("room token", "/meshagent/rooms/lobby/token");
        ROOM_ENDPOINTS.put("bare", "/bare/json");
        ROOM_ENDPOINTS.put("bare + session read", "/bare/json-session");
    }

    private final int rounds = Integer.getInteger("rounds", 5);
    private final String duration = System.getProperty("duration", "6s");
    private final String warmup = System.getProperty("warmup", "5s");
    private final int warmupSlices = Integer.getInteger("warmupSlices", 15);
    private final int warmupMinSlices = Integer.getInteger("warmupMinSlices", 8);
    private final double warmupTolerance = Double.parseDouble(System.getProperty("warmupTolerance", "0.05"));
    private final List<Integer> connections = Arrays.stream(System.getProperty("connections", "16,64").split(","))
            .map(String::trim).map(Integer::valueOf).toList();
    private final List<String> servers = List.of(System.getProperty("servers", "bare,session,filter,pac4j,spring").split(","));
    private final List<String> jvmFlags = List.of(System.getProperty("jvmFlags",
            "-Xms256m -Xmx256m -XX:+UseParallelGC").trim().split("\\s+"));
    private final String clientCore = System.getProperty("clientCore", "0");
    private final String serverCore = System.getProperty("serverCore", "1");
    private final int storm = Integer.getInteger("storm", 500);
    private final List<String> endpoints = List.of(System.getProperty("endpoints", "get,room").split(","));
    private final Path out = Path.of(System.getProperty("out", "benchmarks/load/target/load"));

    public static void main(String[] args) throws Exception {
        new LoadBench().run();
    }

    private void run() throws Exception {
        Files.createDirectories(out);
        Map<String, Integer> ports = new LinkedHashMap<>();
        for (String s : servers) {
            ports.put(s, freePort());
        }
        List<String> redirects = new ArrayList<>();
        ports.forEach((kind, port) -> redirects.add(switch (kind) {
            case "filter" -> "http://localhost:" + port + "/meshagent/callback";
            case "pac4j" -> "http://localhost:" + port + "/callback";
            case "spring" -> "http://localhost:" + port + "/login/oauth2/code/dev";
            default -> "http://localhost:" + port + "/unused";
        }));
        List<Target> targets = new ArrayList<>();
        try (DevServer dev = DevServer.builder().port(0).redirectUris(redirects.toArray(String[]::new)).start()) {
            DevServer.Bootstrap boot = dev.bootstrap();
            String issuer = dev.baseUri().toString().replaceAll("/$", "");
            try {
                for (String kind : servers) {
                    targets.add(start(kind, ports.get(kind), issuer, boot));
                }
                Map<String, String> cookie = new LinkedHashMap<>();
                for (Target t : targets) {
                    waitReady(t);
                    SignIn b = new SignIn();
                    String body = t.kind().equals("bare") ? "" : b.signIn(t.base().resolve("/app/hello"), "load@example.com");
                    if (!t.kind().equals("bare") && (!body.startsWith("hello ") || body.contains("anonymous"))) {
                        throw new IllegalStateException(t.kind() + " did not sign in: " + body);
                    }
                    cookie.put(t.kind(), b.cookieHeader(t.base()));
                    signedIn(t, cookie.get(t.kind()));
                    log(t.kind() + " signed in: " + body);
                }
                Path post = out.resolve("post.lua");
                Files.writeString(post, "wrk.method = \"POST\"\n");
                Target filter = targets.stream().filter(t -> t.kind().equals("filter")).findFirst().orElse(null);
                List<String> roomHeaders = filter == null ? List.of() : List.of("Cookie: " + cookie.get("filter"),
                        "Sec-Fetch-Site: same-origin", "Sec-Fetch-Mode: cors", "Origin: " + filter.base(),
                        "Accept: application/json");

                if (filter != null) {
                    HttpRequest.Builder req = HttpRequest.newBuilder(URI.create(filter.wrkBase() + "/meshagent/rooms/lobby/token"))
                            .POST(HttpRequest.BodyPublishers.noBody());
                    roomHeaders.forEach(h -> req.header(h.substring(0, h.indexOf(':')), h.substring(h.indexOf(':') + 2)));
                    HttpResponse<String> r = java.net.http.HttpClient.newHttpClient().send(req.build(), HttpResponse.BodyHandlers.ofString());
                    if (r.statusCode() != 200 || !r.body().contains("\"token\":\"ey")) {
                        throw new IllegalStateException("the room-token request the load sends answers " + r.statusCode() + " " + r.body());
                    }
                    int answer = r.body().getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
                    if (answer != LoadServer.BARE_JSON.length) {
                        throw new IllegalStateException("the bare JSON baseline writes " + LoadServer.BARE_JSON.length
                                + " bytes, the room-token answer " + answer + ": make LoadServer.BARE_JSON the same size");
                    }
                }
                // Every JVM is warmed up on every endpoint it will serve until its throughput stops climbing: a fixed
                // warm-up left the JIT of some JVMs further along than others (the filter's JVM also served the
                // room-token warm-up), which showed as the filter "beating" the bare servlet.
                for (int c : connections) {
                    int min = c == connections.get(0) ? warmupMinSlices : 3; // the JIT's work is done by then
                    for (Target t : endpoints.contains("get") ? targets : List.<Target>of()) {
                        warmUp(t.kind() + " GET c=" + c, t, "/app/hello", c, getHeaders(cookie, t), null, min);
                    }
                    if (filter != null && endpoints.contains("room")) {
                        for (Map.Entry<String, String> e : ROOM_ENDPOINTS.entrySet()) {
                            warmUp(e.getKey() + " c=" + c, filter, e.getValue(), c, roomHeaders, post, min);
                        }
                    }
                }
                // round → connections → server → figures
                Map<Integer, Map<String, List<Figures>>> get = new LinkedHashMap<>();
                Map<Integer, Map<String, List<Figures>>> room = new LinkedHashMap<>();
                for (int r = 1; r <= rounds; r++) {
                    for (int c : connections) {
                        // each round starts with a different server, so no server is always the one measured first
                        List<Target> order = new ArrayList<>(targets);
                        java.util.Collections.rotate(order, -(r - 1));
                        for (Target t : endpoints.contains("get") ? order : List.<Target>of()) {
                            Figures f = wrk(t, "/app/hello", c, duration, getHeaders(cookie, t), null);
                            add(get, c, servers, t.kind(), f);
                            log("round " + r + " c=" + c + " GET " + t.kind() + ": " + f);
                        }
                        if (filter != null && endpoints.contains("room")) {
                            // the three in turn, each round starting with the next one
                            List<Map.Entry<String, String>> roomOrder = new ArrayList<>(ROOM_ENDPOINTS.entrySet());
                            java.util.Collections.rotate(roomOrder, -(r - 1));
                            for (Map.Entry<String, String> e : roomOrder) {
                                Figures f = wrk(filter, e.getValue(), c, duration, roomHeaders, post);
                                add(room, c, ROOM_ENDPOINTS.keySet(), e.getKey(), f);
                                log("round " + r + " c=" + c + " POST " + e.getKey() + ": " + f);
                            }
                        }
                    }
                }
                for (Target t : targets) {
                    signedIn(t, cookie.get(t.kind())); // still the same session after the load: no figure measured a redirect
                }
                StringBuilder md = new StringBuilder();
                md.append("Run at ").append(Instant.now()).append(": ").append(rounds).append(" rounds of ").append(duration)
                        .append(" (warm-up ").append(warmup).append("), wrk -t1 on core ").append(clientCore)
                        .append(", servers on core ").append(serverCore).append(", JVM flags `")
                        .append(String.join(" ", jvmFlags)).append("`, load average ").append(loadAverage()).append("\n\n");
                if (endpoints.contains("get")) {
                    md.append("Signed-in `GET /app/hello`, ratios to the bare servlet of the same round (median over rounds):\n\n");
                    table(md, get, "bare");
                }
                if (filter != null && endpoints.contains("room")) {
                    md.append("\n`POST /meshagent/rooms/lobby/token` (warm cache) against a bare JSON `POST` servlet in the same JVM:\n\n");
                    table(md, room, "bare");
                }
                if (filter != null && storm > 0) {
                    md.append("\n").append(storm(dev, filter)).append("\n");
                }
                Files.writeString(out.resolve("results.md"), md);
                System.out.println();
                System.out.println(md);
            } finally {
                for (Target t : targets) {
                    t.process().destroy();
                    t.process().waitFor(10, TimeUnit.SECONDS);
                }
            }
        }
    }

    /** Adds {@code f} to {@code row} at {@code c} connections; a new connection count gets every row, in order. */
    private static void add(Map<Integer, Map<String, List<Figures>>> byConn, int c, java.util.Collection<String> rows,
            String row, Figures f) {
        byConn.computeIfAbsent(c, k -> {
            Map<String, List<Figures>> m = new LinkedHashMap<>();
            rows.forEach(x -> m.put(x, new ArrayList<>()));
            return m;
        }).get(row).add(f);
    }

    /** The bare server has no sign-in: its requests carry no cookie at all (not an empty {@code Cookie} header). */
    private static List<String> getHeaders(Map<String, String> cookie, Target t) {
        String c = cookie.get(t.kind());
        return c == null || c.isEmpty() ? List.of() : List.of("Cookie: " + c);
    }

    /**
     * Loads one endpoint in slices of {@code warmup} until it is steady: the last three slices' requests/s and the
     * server's CPU time per request (which also counts the JIT compiler's threads, so it keeps moving while code is
     * still being compiled) each within {@code warmupTolerance} (5 %) of one another, after at least
     * {@code minSlices} (never fewer than the three compared) and at most {@code warmupSlices} (15) slices. A JVM
     * on one core compiles slowly and can sit on a plateau for a while before its last compilations land, hence the
     * minimum on its first warm-up.
     */
    private void warmUp(String what, Target server, String path, int c, List<String> headers, Path script, int minSlices)
            throws Exception {
        List<Figures> slices = new ArrayList<>();
        for (int i = 1; i <= warmupSlices; i++) {
            Figures f = wrk(server, path, c, warmup, headers, script);
            slices.add(f);
            if (i >= Math.max(3, minSlices) && steady(slices.subList(slices.size() - 3, slices.size()))) {
                log(String.format(Locale.ROOT, "warm-up %s: steady at %.0f req/s, %.1f µs CPU/request after %d slices of %s",
                        what, f.rps(), f.cpuMicrosPerRequest(), i, warmup));
                return;
            }
        }
        Figures last = slices.get(slices.size() - 1);
        log(String.format(Locale.ROOT, "warm-up %s: still changing after %d slices of %s (%.0f req/s, %.1f µs CPU/request)",
                what, warmupSlices, warmup, last.rps(), last.cpuMicrosPerRequest()));
    }

    private boolean steady(List<Figures> last) {
        double[] rps = last.stream().mapToDouble(Figures::rps).toArray();
        double[] cpu = last.stream().mapToDouble(Figures::cpuMicrosPerRequest).toArray();
        return within(rps) && within(cpu);
    }

    private boolean within(double[] xs) {
        double min = Arrays.stream(xs).min().orElseThrow();
        double max = Arrays.stream(xs).max().orElseThrow();
        return max - min <= warmupTolerance * min;
    }


    private Target start(String kind, int port, String issuer, DevServer.Bootstrap boot) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("taskset", "-c", serverCore, Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        jvmFlags.forEach(f -> cmd.add(f.replace("{kind}", kind))); // e.g. -XX:StartFlightRecording=...,filename=x-{kind}.jfr
        if (kind.equals("spring")) {
            cmd.addAll(List.of("-cp", System.getProperty("springCp"), "com.meshagent.benchmarks.spring.SpringLoadApp",
                    "--server.port=" + port, "--server.address=127.0.0.1",
                    "--spring.security.oauth2.client.registration.dev.client-id=" + boot.clientId(),
                    "--spring.security.oauth2.client.registration.dev.client-secret=" + boot.clientSecret(),
                    "--spring.security.oauth2.client.registration.dev.scope=openid,profile,email,offline_access",
                    "--spring.security.oauth2.client.provider.dev.issuer-uri=" + issuer));
        } else {
            cmd.addAll(List.of("-cp", System.getProperty("loadCp"), LoadServer.class.getName(), kind, String.valueOf(port),
                    issuer, boot.clientId(), boot.clientSecret(), boot.apiKey()));
        }
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.resolve(kind + ".log").toFile()).start();
        log("started " + kind + " on port " + port + " (log " + out.resolve(kind + ".log") + ")");
        return new Target(kind, port, p);
    }

    private void waitReady(Target t) throws Exception {
        SignIn probe = new SignIn();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
        while (System.nanoTime() < deadline) {
            if (!t.process().isAlive()) {
                throw new IllegalStateException(t.kind() + " exited; see " + out.resolve(t.kind() + ".log"));
            }
            try {
                probe.http().send(HttpRequest.newBuilder(t.base().resolve("/bare/json")).GET().build(),
                        HttpResponse.BodyHandlers.discarding());
                return;
            } catch (IOException notYet) {
                Thread.sleep(250);
            }
        }
        throw new IllegalStateException(t.kind() + " did not start in 180 s");
    }

    /** wrk counts a 3xx as success: check that the very header it sends gets the signed-in page, not a redirect. */
    private static void signedIn(Target t, String cookie) throws Exception {
        HttpResponse<String> r = java.net.http.HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(t.wrkBase() + "/app/hello")).header("Cookie", cookie).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200 || !r.body().startsWith("hello ") || (!t.kind().equals("bare") && r.body().contains("anonymous"))) {
            throw new IllegalStateException(t.kind() + " answers the load's request with " + r.statusCode() + " " + r.body());
        }
    }

    /** Runs wrk pinned to the client core and parses requests/s, p50 and p99. */
    private Figures wrk(Target server, String path, int c, String d, List<String> headers, Path script) throws Exception {
        String url = server.wrkBase() + path;
        List<String> cmd = new ArrayList<>(List.of("taskset", "-c", clientCore, "wrk", "-t1", "-c" + c, "-d" + d,
                "--latency", "--timeout", "10s"));
        for (String h : headers) {
            cmd.add("-H");
            cmd.add(h);
        }
        if (script != null) {
            cmd.add("-s");
            cmd.add(script.toString());
        }
        cmd.add(url);
        long[] cpuBefore = cpuTicks(server.process());
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String text = new String(p.getInputStream().readAllBytes());
        long[] cpuAfter = cpuTicks(server.process());
        long userTicks = cpuAfter[0] - cpuBefore[0];
        long systemTicks = cpuAfter[1] - cpuBefore[1];
        if (p.waitFor() != 0) {
            throw new IllegalStateException("wrk failed: " + text);
        }
        double rps = Double.NaN;
        double p50 = Double.NaN;
        double p99 = Double.NaN;
        long errors = 0;
        long requests = 0;
        for (String line : text.split("\n")) {
            String[] w = line.trim().split("\\s+");
            if (w.length > 2 && w[1].equals("requests") && w[2].equals("in")) {
                requests = Long.parseLong(w[0]);
            }
            if (line.startsWith("Requests/sec:")) {
                rps = Double.parseDouble(w[1]);
            } else if (w.length == 2 && w[0].equals("50%")) {
                p50 = micros(w[1]);
            } else if (w.length == 2 && w[0].equals("99%")) {
                p99 = micros(w[1]);
            } else if (line.contains("Non-2xx or 3xx responses:")) {
                errors += Long.parseLong(w[w.length - 1]);
            } else if (line.contains("Socket errors:")) {
                for (String part : line.substring(line.indexOf(':') + 1).split(",")) {
                    errors += Long.parseLong(part.trim().split("\\s+")[1]);
                }
            }
        }
        if (errors > 0) {
            throw new IllegalStateException(errors + " failed responses from " + url + ":\n" + text);
        }
        double micros = 1_000_000.0 / TICKS_PER_SECOND / requests;
        return new Figures(rps, p50, p99, (userTicks + systemTicks) * micros, systemTicks * micros);
    }

    /** Linux's USER_HZ: the unit of utime and stime in /proc/<pid>/stat. */
    private static final int TICKS_PER_SECOND = 100;

    /** User and system CPU time of a process so far, in clock ticks (all its threads). */
    private static long[] cpuTicks(Process p) throws IOException {
        String stat = Files.readString(Path.of("/proc", String.valueOf(p.pid()), "stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" "); // fields from 3 (state) on
        return new long[] {Long.parseLong(f[11]), Long.parseLong(f[12])}; // fields 14 utime and 15 stime
    }

    private static double micros(String v) {
        String unit = v.replaceAll("[0-9.]", "");
        double n = Double.parseDouble(v.substring(0, v.length() - unit.length()));
        return switch (unit) {
            case "us" -> n;
            case "ms" -> n * 1_000;
            case "s" -> n * 1_000_000;
            default -> throw new IllegalArgumentException("latency unit " + unit);
        };
    }

    private void table(StringBuilder md, Map<Integer, Map<String, List<Figures>>> byConn, String baseline) {
        md.append("| server | connections | req/s (median) | req/s ÷ bare | p50 ÷ bare | p99 ÷ bare | server CPU µs/request |"
                + " CPU/request ÷ bare | req/s ÷ bare by round |\n");
        md.append("|---|---:|---:|---:|---:|---:|---:|---:|---|\n");
        byConn.forEach((c, byServer) -> {
            List<Figures> base = byServer.get(baseline);
            byServer.forEach((server, figs) -> {
                List<Double> rps = new ArrayList<>();
                List<Double> p50 = new ArrayList<>();
                List<Double> p99 = new ArrayList<>();
                List<Double> cpu = new ArrayList<>();
                for (int i = 0; i < figs.size(); i++) {
                    rps.add(figs.get(i).rps() / base.get(i).rps());
                    p50.add(figs.get(i).p50Micros() / base.get(i).p50Micros());
                    p99.add(figs.get(i).p99Micros() / base.get(i).p99Micros());
                    cpu.add(figs.get(i).cpuMicrosPerRequest() / base.get(i).cpuMicrosPerRequest());
                }
                md.append(String.format(Locale.ROOT, "| %s | %d | %.0f | **%.2f** | %.2f | %.2f | %.1f | %.2f | %s |%n", server, c,
                        median(figs.stream().map(Figures::rps).toList()), median(rps), median(p50), median(p99),
                        median(figs.stream().map(Figures::cpuMicrosPerRequest).toList()), median(cpu),
                        String.join(" ", rps.stream().map(x -> String.format(Locale.ROOT, "%.2f", x)).toList())));
            });
        });
    }

    /**
     * {@code storm} requests at once on one filter session at a moment its refresh is due: how many refresh
     * grants reached the devserver and how many requests were answered 200.
     */
    private String storm(DevServer dev, Target filter) throws Exception {
        // a 70 s token with the default 60 s skew is due 10 s after sign-in; its successor is not due for 10 s more
        dev.knobs().accessTokenLifetime(Duration.ofSeconds(70));
        SignIn b = new SignIn();
        b.signIn(filter.base().resolve("/app/hello"), "storm@example.com");
        dev.knobs().accessTokenLifetime(Duration.ofHours(1));
        String cookie = b.cookieHeader(filter.base());
        Thread.sleep(10_500);
        int before = dev.knobs().tokenRequests("refresh_token");
        ExecutorService pool = Executors.newFixedThreadPool(storm);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Integer>> answers = new ArrayList<>();
        java.net.http.HttpClient http = java.net.http.HttpClient.newBuilder().build();
        for (int i = 0; i < storm; i++) {
            answers.add(pool.submit(() -> {
                go.await();
                return http.send(HttpRequest.newBuilder(URI.create(filter.wrkBase() + "/app/hello")).header("Cookie", cookie)
                        .GET().build(), HttpResponse.BodyHandlers.discarding()).statusCode();
            }));
        }
        go.countDown();
        Map<Integer, Integer> statuses = new LinkedHashMap<>();
        for (Future<Integer> f : answers) {
            int s;
            try {
                s = f.get(60, TimeUnit.SECONDS);
            } catch (Exception e) {
                s = -1;
            }
            statuses.merge(s, 1, Integer::sum);
        }
        pool.shutdownNow();
        int grants = dev.knobs().tokenRequests("refresh_token") - before;
        String line = "Refresh storm: " + storm + " concurrent `GET /app/hello` on one filter session when its refresh was"
                + " due: " + grants + " refresh grant(s) at the devserver; statuses " + statuses + " (-1 = no answer).";
        log(line);
        return line;
    }

    private static double median(List<Double> xs) {
        List<Double> s = xs.stream().sorted().toList();
        int n = s.size();
        return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException e) {
            return "?";
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static void log(String s) {
        System.out.println("[load] " + s);
    }
}
