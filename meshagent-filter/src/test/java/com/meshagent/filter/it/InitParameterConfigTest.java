package com.meshagent.filter.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.meshagent.filter.MeshAgentFilter;
import com.meshagent.filter.testing.Browser;
import com.meshagent.filter.testing.JettyApp;
import com.meshagent.filter.testing.Queries;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.ServletException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.Test;

/** The web.xml way: the no-arg filter reads init-params; a bad one stops the app with one clear message. */
class InitParameterConfigTest {

    /** A policy named by class, as {@code meshagent.room-access-policy} needs. */
    public static final class AllowLobby implements com.meshagent.filter.room.RoomAccessPolicy {
        @Override
        public com.meshagent.filter.room.RoomAccess decide(com.meshagent.filter.MeshAgentUser user, String room) {
            return new com.meshagent.filter.room.RoomAccess.Denied("test policy");
        }
    }

    private static Server server(Map<String, String> params, URI[] base) throws Exception {
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        server.addConnector(connector);
        connector.open();
        base[0] = URI.create("http://127.0.0.1:" + connector.getLocalPort());
        ServletContextHandler context = new ServletContextHandler(ServletContextHandler.SESSIONS);
        FilterHolder holder = new FilterHolder(MeshAgentFilter.class);
        params.forEach((k, v) -> holder.setInitParameter(k, v.replace("{base}", base[0].toString())));
        context.addFilter(holder, "/*", EnumSet.of(DispatcherType.REQUEST));
        context.addServlet(new ServletHolder(new JettyApp.WhoAmI()), "/*");
        server.setHandler(context);
        return server;
    }

    @Test
    void noArgFilterIsConfiguredFromInitParameters() throws Exception {
        URI[] base = new URI[1];
        Server server = server(Map.of(
                "meshagent.api-url", "https://meshagent.example",
                "meshagent.client-id", "web-xml-client",
                "meshagent.redirect-uri", "{base}/meshagent/callback",
                "meshagent.scopes", "profile:read rooms:connect",
                "meshagent.protected-paths", "/app/*",
                "meshagent.room-access-policy", AllowLobby.class.getName()), base);
        server.start();
        try {
            Browser b = new Browser();
            assertEquals(200, b.get(base[0].resolve("/open")).statusCode());
            HttpResponse<String> login = b.get(base[0].resolve("/app/x"));
            assertEquals(302, login.statusCode());
            URI authorize = Browser.location(b.get(Browser.location(login)));
            assertTrue(authorize.toString().startsWith("https://meshagent.example/oauth/authorize?"), authorize.toString());
            Map<String, List<String>> q = Queries.parse(authorize.getRawQuery());
            assertEquals(List.of("web-xml-client"), q.get("client_id"));
            assertEquals(List.of("profile:read rooms:connect"), q.get("scope"));
            assertFalse(q.containsKey("nonce"));
        } finally {
            server.stop();
        }
    }

    /** Starts a server with {@code params} that must fail in the filter's init; the ServletException's message. */
    private static String startupFailure(Map<String, String> params) throws Exception {
        Server server = server(params, new URI[1]);
        Exception e = assertThrows(Exception.class, server::start);
        Throwable t = e;
        while (t != null && !(t instanceof ServletException)) {
            t = t.getCause();
        }
        assertTrue(t != null, "a ServletException from init: " + e);
        server.stop();
        return t.getMessage();
    }

    @Test
    void badInitParameterFailsStartupNamingTheKeyAndValue() throws Exception {
        assertEquals("MeshAgentFilter configuration: meshagent.redirect-uri must be an absolute URL with a host and no user info: "
                + "/relative/callback", startupFailure(Map.of(
                        "meshagent.client-id", "c",
                        "meshagent.redirect-uri", "/relative/callback")));
    }

    @Test
    void badRoomTokenRateLimitFailsStartupNamingTheKey() throws Exception {
        assertEquals("MeshAgentFilter configuration: meshagent.room-token-rate-limit must be off or requests/window like "
                + "60/PT1M: lots", startupFailure(Map.of(
                        "meshagent.client-id", "c",
                        "meshagent.redirect-uri", "{base}/meshagent/callback",
                        "meshagent.room-token-rate-limit", "lots")));
    }
}
