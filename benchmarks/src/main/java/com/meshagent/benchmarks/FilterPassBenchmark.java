package com.meshagent.benchmarks;

import com.meshagent.filter.MeshAgentConfig;
import com.meshagent.filter.MeshAgentFilter;
import com.meshagent.filter.MeshAgentUser;
import com.meshagent.filter.internal.session.SignedInSession;
import com.meshagent.filter.internal.session.TokenSet;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.ServletRegistration;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Setup;
import org.springframework.mock.web.MockFilterConfig;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.mock.web.MockServletContext;

/**
 * Whole passes through {@link MeshAgentFilter} on Spring's mock request/response (no container, no network),
 * each next to a baseline that builds the same mocks and runs the same servlet without the filter
 * (docs/benchmarks.md):
 * <ul>
 *   <li>{@code signedInGet} / {@code baselineGet}: a signed-in {@code GET /app/hello} through the filter to a
 *       servlet that writes a short text naming the user, and the servlet alone;</li>
 *   <li>{@code roomTokenHit} / {@code baselineJsonPost}: a signed-in same-origin
 *       {@code POST /meshagent/rooms/lobby/token} with the token cached, and a servlet that writes the filter's own
 *       answer to it, byte for byte, with the same headers.</li>
 * </ul>
 */
public class FilterPassBenchmark extends BenchmarkFixture {
    private MeshAgentFilter filter;
    private MockHttpSession session;
    /** The filter's answer to the room-token request, taken at set-up: what the JSON baseline writes. */
    private byte[] answer;
    /**
     * One context for every mock request: building a MockServletContext per request would dwarf what we measure.
     * It does not list its servlets, as a container may not: the filter's start-up check that a servlet routes
     * {@code /meshagent/*} then has nothing to check (the mock cannot add one), and the requests here reach the
     * filter directly anyway.
     */
    private final MockServletContext context = new MockServletContext() {
        @Override
        public Map<String, ? extends ServletRegistration> getServletRegistrations() {
            throw new UnsupportedOperationException("no servlet registrations in this mock");
        }
    };
    private final FilterChain hello = (req, res) -> {
        String who = ((HttpServletRequest) req).getRemoteUser();
        byte[] body = ("hello " + (who == null ? "anonymous" : who)).getBytes(StandardCharsets.UTF_8);
        res.setContentType("text/plain;charset=UTF-8");
        res.setContentLength(body.length);
        res.getOutputStream().write(body);
    };
    private final FilterChain json = (req, res) -> {
        HttpServletResponse r = (HttpServletResponse) res;
        r.setHeader("Cache-Control", "no-store");
        r.setHeader("X-Content-Type-Options", "nosniff");
        r.setStatus(200);
        r.setContentType("application/json;charset=UTF-8");
        r.setContentLength(answer.length);
        r.getOutputStream().write(answer);
    };

    @Setup
    public void setUp() throws Exception {
        MeshAgentConfig config = MeshAgentConfig.builder().apiUrl("http://127.0.0.1:9").clientId("c")
                .redirectUri("http://app.example/meshagent/callback").protectedPaths("/app/*").apiKey(KEY)
                .roomAccessPolicy(allowAllPolicy()).roomTokenRateLimit(0, Duration.ofMinutes(1)).build();
        filter = new MeshAgentFilter(config);
        filter.init(new MockFilterConfig(context));
        session = new MockHttpSession(context);
        session.setAttribute(SignedInSession.KEY, new SignedInSession(
                new MeshAgentUser("http://127.0.0.1:9", "u-1", "alice@example.com", "Alice"),
                new TokenSet("at-" + "a".repeat(40), "rt-" + "r".repeat(40), Instant.now().plus(Duration.ofDays(1)), null), 0));
        MockHttpServletResponse first = roomTokenHit();
        if (first.getStatus() != 200 || !first.getContentAsString().contains("\"token\":\"ey")) {
            throw new IllegalStateException("room token setup: " + first.getStatus() + " " + first.getContentAsString());
        }
        answer = first.getContentAsString().getBytes(StandardCharsets.UTF_8);
        if (!signedInGet().getContentAsString().equals("hello u-1")) {
            throw new IllegalStateException("signed-in GET setup: " + signedInGet().getContentAsString());
        }
    }

    /** A request in the signed-in session, its id from the cookie, as the container hands it to the filter. */
    private MockHttpServletRequest signedIn(String method, String servletPath, String pathInfo) {
        MockHttpServletRequest r = new MockHttpServletRequest(context, method, servletPath + (pathInfo == null ? "" : pathInfo));
        r.setServletPath(servletPath);
        r.setPathInfo(pathInfo);
        r.setServerName("app.example");
        r.setServerPort(80);
        r.setSession(session);
        r.setRequestedSessionIdFromCookie(true);
        return r;
    }

    private MockHttpServletRequest get() {
        return signedIn("GET", "/app", "/hello");
    }

    private MockHttpServletRequest post() {
        MockHttpServletRequest r = signedIn("POST", "/meshagent/rooms/lobby/token", null);
        r.addHeader("Sec-Fetch-Site", "same-origin");
        r.addHeader("Origin", "http://app.example");
        return r;
    }

    /**
     * Spring's mock response with a body stream that copies a {@code write(byte[])} in one go: the mock's own stream
     * takes a written array a byte at a time, which cost ten times the whole room-token answer and drowned what is
     * measured here in both the filter's pass and its baseline.
     */
    static final class Response extends MockHttpServletResponse {
        private final ByteArrayOutputStream body = new ByteArrayOutputStream(1024);
        private final ServletOutputStream out = new ServletOutputStream() {
            @Override
            public void write(int b) {
                body.write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                body.write(b, off, len);
            }

            @Override
            public boolean isReady() {
                return true;
            }

            @Override
            public void setWriteListener(WriteListener listener) {
                throw new UnsupportedOperationException();
            }
        };

        @Override
        public ServletOutputStream getOutputStream() {
            return out;
        }

        @Override
        public String getContentAsString() {
            return body.toString(StandardCharsets.UTF_8);
        }
    }

    /** One pass of {@code req} through the filter to {@code servlet}. */
    private MockHttpServletResponse filtered(MockHttpServletRequest req, FilterChain servlet) throws Exception {
        MockHttpServletResponse res = new Response();
        filter.doFilter(req, res, servlet);
        return res;
    }

    /** The baseline: {@code servlet} alone on the same request. */
    private static MockHttpServletResponse alone(MockHttpServletRequest req, FilterChain servlet) throws Exception {
        MockHttpServletResponse res = new Response();
        servlet.doFilter(req, res);
        return res;
    }

    @Benchmark
    public MockHttpServletResponse signedInGet() throws Exception {
        return filtered(get(), hello);
    }

    @Benchmark
    public MockHttpServletResponse baselineGet() throws Exception {
        MockHttpServletRequest req = get();
        req.setRemoteUser("u-1");
        return alone(req, hello);
    }

    @Benchmark
    public MockHttpServletResponse roomTokenHit() throws Exception {
        return filtered(post(), json);
    }

    @Benchmark
    public MockHttpServletResponse baselineJsonPost() throws Exception {
        return alone(post(), json);
    }
}
