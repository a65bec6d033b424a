package com.meshagent.filter.testing;

import com.meshagent.filter.MeshAgentConfig;
import com.meshagent.filter.MeshAgentFilter;
import com.meshagent.filter.MeshAgentRequests;
import com.meshagent.filter.internal.session.SignedInSession;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.EnumSet;
import java.util.function.Function;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * The filter in an embedded Jetty 12 ee10 context on 127.0.0.1, port 0, in front of {@link WhoAmI}.
 * The port is bound before the filter is configured, so the config can name the real redirect URI.
 */
public final class JettyApp implements AutoCloseable {

    private final Server server;
    private final URI base;

    private JettyApp(Server server, URI base) {
        this.server = server;
        this.base = base;
    }

    /** Starts; {@code configure} gets a builder with clientId unset and the redirect URI already set. */
    public static JettyApp start(Function<URI, MeshAgentConfig> configure) throws Exception {
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        connector.open();
        URI base = URI.create("http://127.0.0.1:" + connector.getLocalPort());
        ServletContextHandler context = new ServletContextHandler(ServletContextHandler.SESSIONS);
        context.setContextPath("/");
        MeshAgentFilter.configureSessionCookies(context.getServletContext(), false);
        context.addFilter(new FilterHolder(new MeshAgentFilter(configure.apply(base))), "/*",
                EnumSet.of(DispatcherType.REQUEST));
        context.addServlet(new ServletHolder(new WhoAmI()), "/*");
        server.setHandler(context);
        server.start();
        return new JettyApp(server, base);
    }

    /** {@code http://127.0.0.1:<port>} */
    public URI base() {
        return base;
    }

    public URI uri(String path) {
        return base.resolve(path);
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }

    /**
     * The application: answers {@code hello <remote user>} (or {@code hello anonymous}) and, under
     * {@code /token-length}, the length of the access token {@link MeshAgentRequests#accessToken} gives.
     */
    public static final class WhoAmI extends HttpServlet {
        private static final long serialVersionUID = 1L;

        @Override
        protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            resp.setContentType("text/plain;charset=UTF-8");
            if (req.getRequestURI().endsWith("/test-only-tokens")) {
                // lets leak tests know the secrets they must never find anywhere else
                Object s = req.getSession(false) == null ? null
                        : req.getSession(false).getAttribute(SignedInSession.KEY);
                if (s instanceof SignedInSession signed) {
                    resp.getWriter().print(signed.tokens().accessToken() + " " + signed.tokens().refreshToken());
                }
                return;
            }
            if (req.getRequestURI().endsWith("/session-ttl")) {
                resp.getWriter().print(req.getSession(false) == null ? "none" : req.getSession(false).getMaxInactiveInterval());
                return;
            }
            if (req.getRequestURI().endsWith("/token-length")) {
                resp.getWriter().print(MeshAgentRequests.accessToken(req).map(String::length).orElse(-1));
                return;
            }
            String who = req.getRemoteUser() == null ? "anonymous" : req.getRemoteUser();
            String email = MeshAgentRequests.user(req).map(u -> String.valueOf(u.email())).orElse("-");
            resp.getWriter().print("hello " + who + " <" + email + "> at " + req.getRequestURI());
        }
    }
}
