package com.meshagent.filter.readme;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.junit.jupiter.api.Test;

/** The README's embedding example compiles (it is this method) and the README shows it unchanged. */
class ReadmeExampleTest {

    @SuppressWarnings("unused")
    static Server readmeExample() throws Exception {
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

    @Test
    void readmeShowsTheCompiledEmbeddingExampleVerbatim() throws IOException {
        Path source = Path.of("src/test/java/com/meshagent/filter/readme/ReadmeExampleTest.java");
        List<String> lines = Files.readAllLines(source);
        List<String> snippet = new ArrayList<>();
        boolean in = false;
        for (String line : lines) {
            if (line.trim().equals("// README:end")) {
                break;
            }
            if (in) {
                snippet.add(line.length() >= 8 ? line.substring(8) : line.strip());
            }
            if (line.trim().equals("// README:begin")) {
                in = true;
            }
        }
        assertTrue(snippet.size() > 10, "snippet found");
        String readme = Files.readString(Path.of("../README.md"));
        String block = "```java\n" + String.join("\n", snippet) + "\n```";
        assertTrue(readme.contains(block), "README must contain, verbatim:\n" + block);
        assertEquals(1, readme.split("README:begin", -1).length, "no marker text leaks into the README");
    }
}
