package com.meshagent.sample;

import com.meshagent.devserver.DevServer;
import com.meshagent.filter.MeshAgentConfig;
import com.meshagent.filter.MeshAgentFilter;
import com.meshagent.filter.MeshAgentRequests;
import com.meshagent.sample.web.AdminPage;
import com.meshagent.sample.web.AskPage;
import com.meshagent.sample.web.HomePage;
import com.meshagent.sample.web.Html;
import com.meshagent.sample.web.NotFoundPage;
import com.meshagent.sample.web.RoomPage;
import com.meshagent.sample.web.RoomsPage;
import com.meshagent.sample.web.StaticFiles;
import jakarta.servlet.DispatcherType;
import java.io.IOException;
import java.io.PrintStream;
import java.net.BindException;
import java.net.URI;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.eclipse.jetty.ee10.servlet.ErrorPageErrorHandler;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * The sample webapp: embedded Jetty 12, {@link MeshAgentFilter} in front of every page but the home page,
 * and the {@link SamplePolicy}.
 *
 * <p>Without {@code MESHAGENT_CLIENT_ID} it starts a {@link DevServer} in-process (a local MeshAgent) and
 * configures itself from what the devserver bootstrapped; with the variables of docs/design.md §3 set it uses
 * that provider and never starts the devserver. Variables of its own: {@code PORT} (default 8080),
 * {@code HOST} (bind address, default {@code 127.0.0.1}),
 * {@code MESHAGENT_DEV_PORT} (default 8081), {@code SAMPLE_ADMINS} (comma-separated emails; default the
 * devserver's admin), {@code SAMPLE_LLM_MODEL} (default {@code gpt-4o-mini}), and
 * {@code SAMPLE_SESSION_JDBC_URL}/{@code _USER}/{@code _PASSWORD} to share sessions between nodes in
 * PostgreSQL ({@link SharedSessions}).
 */
public final class SampleApp {

    private SampleApp() {}

    public static void main(String[] args) throws Exception {
        Running app;
        try {
            app = start(System.getenv(), System.out);
        } catch (IllegalStateException | IllegalArgumentException e) {
            System.err.println("sample-app did not start: " + e.getMessage());
            System.exit(1);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(app::stop, "sample-app-shutdown"));
        app.join();
    }

    /** Starts the app as {@code env} says (tests pass {@code PORT=0} and a map); prints what it did to {@code out}. */
    public static Running start(Map<String, String> env, PrintStream out) throws Exception {
        Settings settings = Settings.from(env);
        Optional<SharedSessions> sharedSessions = SharedSessions.fromEnv(env);
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost(settings.host());
        connector.setPort(settings.port());
        // Bind now: the callback URL (registered at the devserver) needs the real port when PORT=0.
        try {
            connector.open();
        } catch (IOException e) {
            throw new IllegalStateException("cannot listen on " + settings.host() + ":" + settings.port()
                    + " (" + e.getMessage() + "); set PORT to a free port", e);
        }
        server.addConnector(connector);
        URI uri = URI.create("http://localhost:" + connector.getLocalPort());
        String callback = uri + "/meshagent/callback";

        DevServer devServer = null;
        MeshAgentConfig.Builder config;
        List<String> admins = settings.admins();
        try {
            if (settings.providerConfigured()) {
                config = MeshAgentConfig.builder().fromInitParameters(key -> env.get(envName(key)));
                if (env.get("MESHAGENT_REDIRECT_URI") == null) {
                    config.redirectUri(callback);
                }
                if (env.get("MESHAGENT_SCOPES") == null && env.get("MESHAGENT_ISSUER") == null) {
                    config.scopes(MeshAgentConfig.DEFAULT_SCOPES + " " + LLM_SCOPE);
                }
            } else {
                devServer = startDevServer(settings.devPort(), callback);
                DevServer.Bootstrap boot = devServer.bootstrap();
                config = MeshAgentConfig.builder()
                        .apiUrl(boot.apiUrl())
                        .clientId(boot.clientId())
                        .clientSecret(boot.clientSecret())
                        .redirectUri(callback)
                        .projectId(boot.projectId())
                        .apiKey(boot.apiKey())
                        .scopes(MeshAgentConfig.DEFAULT_SCOPES + " " + LLM_SCOPE);
                if (admins.isEmpty() && boot.adminEmail() != null) {
                    admins = List.of(boot.adminEmail());
                }
                printDevServer(out, devServer, boot, callback);
            }
            SamplePolicy policy = new SamplePolicy(admins);
            DataSource sessionDb = sharedSessions.map(SharedSessions::pool).orElse(null);
            if (sessionDb != null) {
                SharedSessions.cluster(config, sessionDb);
            }
            MeshAgentConfig filterConfig = config
                    .protectedPaths("/rooms", "/rooms/*", "/ask", "/admin", "/admin/*")
                    .roomAccessPolicy(policy)
                    .build();
            if (devServer == null) {
                out.println("MESHAGENT_CLIENT_ID is set: signing in through "
                        + filterConfig.issuer().map(URI::toString).orElse(filterConfig.apiUrl().toString())
                        + "; no devserver started." + (filterConfig.apiKey().isEmpty()
                                ? " No MESHAGENT_API_KEY: rooms cannot be joined." : ""));
            }
            SessionStoreGuard guard = sessionDb == null ? null : new SessionStoreGuard(sessionDb);
            ServletContextHandler context = context(filterConfig, policy, settings, guard);
            if (sessionDb != null) {
                SharedSessions.install(context.getSessionHandler(), guard.tracking());
            }
            server.setHandler(context);
            server.start();
        } catch (Exception | Error e) {
            server.stop();
            connector.close(); // opened before start(), so stop() alone would leave the port bound
            if (devServer != null) {
                devServer.stop();
            }
            throw e;
        }
        out.println(sharedSessions.map(SharedSessions::describe).orElse("sessions are kept in memory on this node"));
        out.println("Sample app ready: open " + uri + "/ (room admins: "
                + (admins.isEmpty() ? "none" : String.join(", ", admins)) + ")");
        return new Running(server, uri, devServer);
    }

    private static DevServer startDevServer(int port, String callback) {
        try {
            return DevServer.builder().port(port).redirectUris(callback).start();
        } catch (RuntimeException e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof BindException) {
                    throw new IllegalStateException("cannot start the devserver on port " + port
                            + " (in use); set MESHAGENT_DEV_PORT to a free port", e);
                }
            }
            throw e;
        }
    }

    /** The legacy scope name MeshAgent maps to {@code llm:invoke}; the Ask page needs it. */
    static final String LLM_SCOPE = "llm_proxy";

    private static ServletContextHandler context(MeshAgentConfig config, SamplePolicy policy, Settings settings,
            SessionStoreGuard guard) {
        ServletContextHandler context = new ServletContextHandler(ServletContextHandler.SESSIONS);
        context.setContextPath("/");
        MeshAgentFilter.configureSessionCookies(context.getServletContext(),
                "https".equalsIgnoreCase(config.redirectUri().getScheme()));
        if (guard != null) {
            context.addFilter(new FilterHolder(guard), "/*", EnumSet.of(DispatcherType.REQUEST));
        }
        context.addFilter(new FilterHolder(new MeshAgentFilter(config)), "/*", EnumSet.of(DispatcherType.REQUEST));

        Html html = new Html(origin(config.roomUrl()));
        boolean roomsConfigured = config.apiKey().isPresent();
        Optional<LlmProxy> llm = config.projectId().map(project -> new LlmProxy(config.apiUrl(), project, settings.llmModel()));
        String provider = config.issuer().map(URI::toString).orElse("MeshAgent at " + config.apiUrl());

        context.addServlet(new ServletHolder(new HomePage(html, provider)), "");
        context.addServlet(new ServletHolder(new RoomsPage(html, policy)), "/rooms");
        context.addServlet(new ServletHolder(new RoomPage(html, policy, roomsConfigured)), "/rooms/*");
        context.addServlet(new ServletHolder(new AskPage(html, llm, MeshAgentRequests::accessToken)), "/ask");
        Optional<AdminPage.Setup> admin = config.projectId().flatMap(project -> config.apiKey()
                .map(key -> new AdminPage.Setup(config.apiUrl(), project, key, config.clientId())));
        context.addServlet(new ServletHolder(new AdminPage(html, admin, MeshAgentRequests::accessToken)), "/admin/*");
        context.addServlet(new ServletHolder(new StaticFiles()), "/static/*");
        context.addServlet(new ServletHolder(new NotFoundPage(html)), "/");
        ErrorPageErrorHandler errors = new ErrorPageErrorHandler();
        errors.setShowStacks(false);
        context.setErrorHandler(errors);
        return context;
    }

    private static void printDevServer(PrintStream out, DevServer devServer, DevServer.Bootstrap boot, String callback) {
        out.println("No MESHAGENT_CLIENT_ID set: started a local MeshAgent devserver at " + devServer.baseUri());
        out.println("  bootstrapped project " + boot.projectId() + ", an API key and OAuth client " + boot.clientId()
                + " with redirect URI " + callback);
        out.println("  admin (may join any room, sees /admin): " + boot.adminEmail());
        out.println("Its settings, the lines the standalone devserver prints (export them to point other tools at it):");
        for (String line : boot.envLines()) {
            out.println("  " + line);
        }
    }

    private static String origin(URI uri) {
        return uri.getScheme() + "://" + uri.getRawAuthority();
    }

    /** {@code meshagent.client-id} becomes {@code MESHAGENT_CLIENT_ID} (docs/design.md §3). */
    static String envName(String key) {
        return key.toUpperCase(java.util.Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    /** The sample's own settings, read from the environment. */
    record Settings(int port, int devPort, String host, List<String> admins, boolean providerConfigured,
            String llmModel) {

        static Settings from(Map<String, String> env) {
            return new Settings(
                    port(env, "PORT", 8080),
                    port(env, "MESHAGENT_DEV_PORT", 8081),
                    Optional.ofNullable(env.get("HOST")).filter(h -> !h.isBlank()).orElse("127.0.0.1"),
                    Optional.ofNullable(env.get("SAMPLE_ADMINS")).map(SampleApp::emails).orElse(List.of()),
                    env.get("MESHAGENT_CLIENT_ID") != null && !env.get("MESHAGENT_CLIENT_ID").isBlank(),
                    Optional.ofNullable(env.get("SAMPLE_LLM_MODEL")).filter(m -> !m.isBlank()).orElse("gpt-4o-mini"));
        }

        private static int port(Map<String, String> env, String key, int fallback) {
            String value = env.get(key);
            if (value == null || value.isBlank()) {
                return fallback;
            }
            try {
                int port = Integer.parseInt(value.trim());
                if (port >= 0 && port <= 65535) {
                    return port;
                }
            } catch (NumberFormatException e) {
                // fall through to the message below
            }
            throw new IllegalArgumentException(key + " must be a port number from 0 to 65535: " + value);
        }
    }

    private static List<String> emails(String commaSeparated) {
        return Arrays.stream(commaSeparated.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    /** A started sample app. */
    public static final class Running implements AutoCloseable {
        private final Server server;
        private final URI uri;
        private final DevServer devServer;

        Running(Server server, URI uri, DevServer devServer) {
            this.server = server;
            this.uri = uri;
            this.devServer = devServer;
        }

        /** {@code http://localhost:<port>}, the origin of the registered callback. */
        public URI uri() {
            return uri;
        }

        /** The in-process devserver, present only when no provider was configured. */
        public Optional<DevServer> devServer() {
            return Optional.ofNullable(devServer);
        }

        public void join() throws InterruptedException {
            server.join();
        }

        /** Stops the web server, then the devserver. */
        public void stop() {
            try {
                server.stop();
            } catch (Exception e) {
                throw new IllegalStateException("stopping the sample app failed", e);
            } finally {
                if (devServer != null) {
                    devServer.stop();
                }
            }
        }

        @Override
        public void close() {
            stop();
        }
    }
}
