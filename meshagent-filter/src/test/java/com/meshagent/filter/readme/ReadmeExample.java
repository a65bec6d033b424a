package com.meshagent.filter.readme;

// README:imports
import com.meshagent.filter.MeshAgentConfig;
import com.meshagent.filter.MeshAgentFilter;
import com.meshagent.filter.room.ApiScope;
import com.meshagent.filter.room.ParticipantRole;
import com.meshagent.filter.room.RoomAccess;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.EnumSet;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
// README:imports-end

/**
 * The README's embedding example, compiled with exactly the imports the README shows: this file imports nothing
 * else, so a missing import in the README fails the build. {@link ReadmeExampleTest} checks the README shows it.
 */
final class ReadmeExample {

    private ReadmeExample() {}

    static Server start() throws Exception {
        // README:begin
        Server server = new Server(8080);
        ServletContextHandler context = new ServletContextHandler(ServletContextHandler.SESSIONS);
        MeshAgentFilter.configureSessionCookies(context.getServletContext(), false); // true behind https
        MeshAgentConfig config = MeshAgentConfig.fromEnvironment() // MESHAGENT_CLIENT_ID, _CLIENT_SECRET, _API_KEY
                .redirectUri("http://localhost:8080/meshagent/callback")
                .protectedPaths("/app/*")
                .roomAccessPolicy((user, room) -> user.verifiedEmail().filter(e -> e.endsWith("@example.com")).isPresent()
                        ? new RoomAccess.Allowed(ParticipantRole.USER, ApiScope.userDefault(), Duration.ofMinutes(30))
                        : new RoomAccess.Denied("Rooms are for example.com accounts"))
                .build();
        context.addFilter(new FilterHolder(new MeshAgentFilter(config)), "/*", EnumSet.of(DispatcherType.REQUEST));
        context.addServlet(new ServletHolder(new HttpServlet() {
            @Override
            protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
                resp.getWriter().println("Hello " + req.getUserPrincipal().getName()); // the MeshAgent user id
            }
        }), "/app/*");
        server.setHandler(context);
        server.start();
        // README:end
        return server;
    }
}
