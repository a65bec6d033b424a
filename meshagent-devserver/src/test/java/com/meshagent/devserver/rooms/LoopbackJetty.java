package com.meshagent.devserver.rooms;

import java.net.URI;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/** A started Jetty server serving one handler on 127.0.0.1 and a free port, for tests of the room and LLM endpoints. */
public final class LoopbackJetty implements AutoCloseable {
    private final Server server = new Server();
    private final ServerConnector connector = new ServerConnector(server);

    public LoopbackJetty(Handler handler) throws Exception {
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        server.setHandler(handler);
        server.start();
    }

    /** The server's root, e.g. {@code ws://127.0.0.1:40123} for {@code scheme} "ws". */
    public URI base(String scheme) {
        return URI.create(scheme + "://127.0.0.1:" + connector.getLocalPort());
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }
}
