package com.meshagent.benchmarks.load;

import com.meshagent.filter.MeshAgentConfig;
import com.meshagent.filter.MeshAgentFilter;
import com.meshagent.filter.room.ApiScope;
import com.meshagent.filter.room.ParticipantRole;
import com.meshagent.filter.room.RoomAccessPolicy;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.pac4j.core.client.Clients;
import org.pac4j.core.config.Config;
import org.pac4j.core.http.callback.NoParameterCallbackUrlResolver;
import org.pac4j.jee.filter.CallbackFilter;
import org.pac4j.jee.filter.SecurityFilter;
import org.pac4j.oidc.client.OidcClient;
import org.pac4j.oidc.config.OidcConfiguration;

/**
 * One server of the side-by-side load benchmark, in its own JVM:
 * {@code LoadServer bare|session|filter|pac4j PORT DEVSERVER_URL CLIENT_ID CLIENT_SECRET API_KEY}.
 *
 * <p>Every kind serves the same two servlets on plain Jetty 12: {@code GET /app/hello} (a short text answer
 * naming the remote user) and {@code POST /bare/json} (a fixed JSON document the size of a room-token answer,
 * never behind any filter: the baseline of the room-token endpoint in the same JVM). {@code filter} puts
 * {@link MeshAgentFilter} in OIDC mode in front of {@code /app/*} and {@code /meshagent/*}; {@code pac4j} puts
 * jakartaee-pac4j's {@code SecurityFilter} with an {@code OidcClient} in front of {@code /app/*}.
 */
public final class LoadServer {

    /**
     * The size and shape of the filter server's room-token answer, so the baseline writes as many bytes (LoadBench
     * checks the sizes are equal before it measures).
     */
    static final byte[] BARE_JSON = ("{\"token\":\"" + "x".repeat(649) + "\",\"room_url\":\"wss://api.meshagent.com/rooms/lobby\","
            + "\"room_name\":\"lobby\",\"participant_name\":\"load@example.com\",\"expires_at\":\"2026-12-01T02:00:00Z\"}")
            .getBytes(StandardCharsets.UTF_8);

    private LoadServer() {}

    public static void main(String[] args) throws Exception {
        String kind = args[0];
        int port = Integer.parseInt(args[1]);
        String dev = args[2];
        String clientId = args[3];
        String clientSecret = args[4];
        String apiKey = args[5];
        String self = "http://localhost:" + port;

        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(port);
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler(ServletContextHandler.SESSIONS);
        context.addServlet(new ServletHolder(new Hello()), "/app/*");
        context.addServlet(new ServletHolder(new BareJson(false)), "/bare/json");
        context.addServlet(new ServletHolder(new BareJson(true)), "/bare/json-session");
        switch (kind) {
            case "bare" -> { }
            case "session" -> context.addFilter(new FilterHolder(new SessionUser()), "/app/*", EnumSet.of(DispatcherType.REQUEST));
            case "filter" -> {
                MeshAgentConfig config = MeshAgentConfig.builder()
                        .fromInitParameters(k -> null) // -Dmeshagent.refresh-skew=... and the like
                        .issuer(dev).clientId(clientId).clientSecret(clientSecret)
                        .redirectUri(self + "/meshagent/callback").protectedPaths("/app/*")
                        .apiKey(apiKey).roomAccessPolicy(RoomAccessPolicy.allowAll(ParticipantRole.USER, ApiScope.userDefault()))
                        .roomTokenRateLimit(0, java.time.Duration.ofMinutes(1))
                        .build();
                FilterHolder filter = new FilterHolder(new MeshAgentFilter(config));
                context.addFilter(filter, "/app/*", EnumSet.of(DispatcherType.REQUEST));
                context.addFilter(filter, "/meshagent/*", EnumSet.of(DispatcherType.REQUEST));
            }
            case "pac4j" -> {
                OidcConfiguration oidc = new OidcConfiguration();
                oidc.setDiscoveryURI(dev + "/.well-known/openid-configuration");
                oidc.setClientId(clientId);
                oidc.setSecret(clientSecret);
                oidc.setScope("openid profile email offline_access");
                OidcClient client = new OidcClient(oidc);
                client.setName("dev");
                client.setCallbackUrlResolver(new NoParameterCallbackUrlResolver()); // the registered URI, exactly
                Config config = new Config(new Clients(self + "/callback", client));
                context.addFilter(new FilterHolder(new SecurityFilter(config, "dev")), "/app/*",
                        EnumSet.of(DispatcherType.REQUEST));
                CallbackFilter callback = new CallbackFilter(config, "/app/hello");
                callback.setDefaultClient("dev");
                context.addFilter(new FilterHolder(callback), "/callback", EnumSet.of(DispatcherType.REQUEST));
            }
            default -> throw new IllegalArgumentException("kind must be bare, session, filter or pac4j: " + kind);
        }
        server.setHandler(context);
        server.start();
        System.out.println("ready " + kind + " " + self);
        server.join();
    }

    /** {@code GET /app/hello}: who is signed in. */
    static final class Hello extends HttpServlet {
        private static final long serialVersionUID = 1L;

        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            String who = req.getRemoteUser();
            if (who == null && req.getUserPrincipal() != null) {
                who = req.getUserPrincipal().getName();
            }
            byte[] body = ("hello " + (who == null ? "anonymous" : who)).getBytes(StandardCharsets.UTF_8);
            resp.setContentType("text/plain;charset=UTF-8");
            resp.setContentLength(body.length);
            resp.getOutputStream().write(body);
        }
    }

    /**
     * The {@code session} server: the least any sign-in kept in the {@code HttpSession} does on a request, to tell
     * what the container's session handling costs from what the filter adds. {@code /app/login} puts a user in a
     * new session; every other {@code /app/*} request reads it and runs the servlet as that user, or redirects to
     * {@code /app/login}. No provider, no checks beyond "is there a user in the session".
     */
    static final class SessionUser extends HttpFilter {
        private static final long serialVersionUID = 1L;

        @Override
        protected void doFilter(HttpServletRequest req, HttpServletResponse resp, FilterChain chain)
                throws IOException, ServletException {
            if (req.getRequestURI().equals("/app/login")) {
                req.getSession(true).setAttribute("user", "load@example.com");
                resp.sendRedirect("/app/hello");
                return;
            }
            HttpSession session = req.getSession(false);
            Object user = session == null ? null : session.getAttribute("user");
            if (!(user instanceof String name)) {
                resp.sendRedirect("/app/login");
                return;
            }
            chain.doFilter(new HttpServletRequestWrapper(req) {
                @Override
                public String getRemoteUser() {
                    return name;
                }
            }, resp);
        }
    }

    /**
     * {@code POST /bare/json}: the room-token endpoint's baseline, no checks at all. {@code POST /bare/json-session}
     * also looks the caller's session up and reads an attribute, as every signed-in check must: the difference
     * between the two is the container's share of the room-token endpoint's extra cost.
     */
    static final class BareJson extends HttpServlet {
        private static final long serialVersionUID = 1L;
        private final boolean readSession;

        BareJson(boolean readSession) {
            this.readSession = readSession;
        }

        @Override
        protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            if (readSession) {
                HttpSession session = req.getSession(false);
                if (session == null || session.getAttribute("no such attribute") != null) {
                    resp.sendError(401);
                    return;
                }
            }
            resp.setStatus(200);
            resp.setHeader("Cache-Control", "no-store"); // the headers the filter's JSON answers carry
            resp.setHeader("X-Content-Type-Options", "nosniff");
            resp.setContentType("application/json;charset=UTF-8");
            resp.setContentLength(BARE_JSON.length);
            resp.getOutputStream().write(BARE_JSON);
        }
    }
}
