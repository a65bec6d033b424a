package com.meshagent.filter.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.meshagent.filter.MeshAgentConfig;
import com.meshagent.filter.MeshAgentFilter;
import com.meshagent.filter.testing.Browser;
import com.meshagent.filter.testing.JettyApp;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.ServletException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.EnumSet;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Jetty 12 set up like the README's example (application servlet at {@code /app/*} only), under a context path. */
class ReadmeStyleJettyAppTest {

    private Server server;

    private URI start(String redirectPath) throws Exception {
        server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        server.addConnector(connector);
        connector.open();
        URI base = URI.create("http://127.0.0.1:" + connector.getLocalPort());
        ServletContextHandler context = new ServletContextHandler(ServletContextHandler.SESSIONS);
        context.setContextPath("/shop");
        MeshAgentConfig config = MeshAgentConfig.builder().apiUrl("https://meshagent.example").clientId("c")
                .redirectUri(base + redirectPath).protectedPaths("/app/*").build();
        context.addFilter(new FilterHolder(new MeshAgentFilter(config)), "/*", EnumSet.of(DispatcherType.REQUEST));
        context.addServlet(new ServletHolder(new JettyApp.WhoAmI()), "/app/*");
        server.setHandler(context);
        server.start();
        return base;
    }

    @AfterEach
    void stop() throws Exception {
        server.stop();
    }

    @Test
    void endpointsAnswerWithOnlyAnAppServlet() throws Exception {
        URI base = start("/shop/meshagent/callback");
        HttpResponse<String> session = new Browser().get(base.resolve("/shop/meshagent/session"));
        assertEquals(200, session.statusCode(), session.body());
        assertTrue(session.body().contains("\"signed_in\":false"), session.body());
        assertEquals(302, new Browser().get(base.resolve("/shop/app/x")).statusCode());
    }

    @Test
    void redirectUriOffTheCallbackPathFailsStartupNamingTheKey() {
        Exception e = assertThrows(Exception.class, () -> start("/oauth/callback"));
        Throwable t = e;
        while (t != null && !(t instanceof ServletException)) {
            t = t.getCause();
        }
        assertTrue(t != null, "a ServletException from init: " + e);
        assertEquals("MeshAgentFilter configuration: meshagent.redirect-uri must have the path /shop/meshagent/callback "
                + "(the context path followed by /meshagent/callback), but its path is /oauth/callback", t.getMessage());
    }
}
