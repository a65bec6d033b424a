package com.meshagent.filter.testing;

import com.meshagent.devserver.DevServer;
import com.meshagent.filter.MeshAgentConfig;
import com.meshagent.filter.MeshAgentFilter;
import jakarta.servlet.DispatcherType;
import java.net.URI;
import java.util.EnumSet;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.ee10.servlet.SessionHandler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.session.DatabaseAdaptor;
import org.eclipse.jetty.session.DefaultSessionIdManager;
import org.eclipse.jetty.session.JDBCSessionDataStore;
import org.eclipse.jetty.session.NullSessionCache;

/**
 * One node of a cluster: Jetty 12 ee10 on 127.0.0.1, the filter in front of {@link JettyApp.WhoAmI}, sessions in
 * Jetty's {@link JDBCSessionDataStore} behind a {@link NullSessionCache} (every request loads the session from the
 * database and writes it back before the response is committed: nothing stays in the node's memory).
 */
public record SharedSessionNode(Server server, URI base) implements AutoCloseable {

    /** A server with its connector bound to a free port, so the config can name the real redirect URI. */
    public static ServerConnector bind(Server server) throws Exception {
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        connector.open();
        return connector;
    }

    /** Nodes A and B sharing one session database. */
    public record Two(SharedSessionNode a, SharedSessionNode b) {}

    /**
     * Starts nodes A and B on {@code database}, both configured for the OAuth client that {@code provider} sets up for
     * A's callback URI (A's port is bound first so the client can name it), protecting {@code /app/*};
     * {@code settings} adds what a test needs on top.
     */
    public static Two startTwo(Consumer<DatabaseAdaptor> database, Function<String, DevServer.Bootstrap> provider,
            UnaryOperator<MeshAgentConfig.Builder> settings) throws Exception {
        return startTwo(database, callback -> {
            DevServer.Bootstrap boot = provider.apply(callback);
            return settings.apply(MeshAgentConfig.builder()
                    .apiUrl(boot.apiUrl())
                    .clientId(boot.clientId())
                    .clientSecret(boot.clientSecret())
                    .redirectUri(callback)
                    .protectedPaths("/app/*"));
        });
    }

    /**
     * Starts nodes A and B on {@code database} with the one configuration {@code config} builds for A's callback
     * URI (A's port is bound first, so the configuration and the provider's client can name it).
     */
    public static Two startTwo(Consumer<DatabaseAdaptor> database, Function<String, MeshAgentConfig.Builder> config)
            throws Exception {
        Server serverA = new Server();
        ServerConnector connectorA = bind(serverA);
        MeshAgentConfig built = config.apply("http://127.0.0.1:" + connectorA.getLocalPort() + "/meshagent/callback")
                .build();
        SharedSessionNode a = start(serverA, connectorA, "nodeA", database, built);
        Server serverB = new Server();
        return new Two(a, start(serverB, bind(serverB), "nodeB", database, built));
    }

    /** Starts the node; {@code database} points the session store's {@link DatabaseAdaptor} at the shared database. */
    public static SharedSessionNode start(Server server, ServerConnector connector, String workerName,
            Consumer<DatabaseAdaptor> database, MeshAgentConfig config) throws Exception {
        DefaultSessionIdManager ids = new DefaultSessionIdManager(server);
        ids.setWorkerName(workerName);
        server.addBean(ids, true);

        ServletContextHandler context = new ServletContextHandler(ServletContextHandler.SESSIONS);
        context.setContextPath("/");
        SessionHandler sessions = context.getSessionHandler();
        NullSessionCache cache = new NullSessionCache(sessions);
        cache.setSaveOnCreate(true);
        cache.setFlushOnResponseCommit(true);
        DatabaseAdaptor db = new DatabaseAdaptor();
        database.accept(db);
        JDBCSessionDataStore store = new JDBCSessionDataStore();
        store.setDatabaseAdaptor(db);
        cache.setSessionDataStore(store);
        sessions.setSessionCache(cache);

        MeshAgentFilter.configureSessionCookies(context.getServletContext(), false);
        context.addFilter(new FilterHolder(new MeshAgentFilter(config)), "/*", EnumSet.of(DispatcherType.REQUEST));
        context.addServlet(new ServletHolder(new JettyApp.WhoAmI()), "/*");
        server.setHandler(context);
        server.start();
        return new SharedSessionNode(server, URI.create("http://127.0.0.1:" + connector.getLocalPort()));
    }

    public URI uri(String path) {
        return base.resolve(path);
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }
}
