package com.meshagent.devserver.rooms;

import com.meshagent.testsupport.MutableClock;
import org.eclipse.jetty.http.pathmap.PathSpec;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.handler.ContextHandler;
import org.eclipse.jetty.server.handler.ContextHandlerCollection;
import org.eclipse.jetty.server.handler.PathMappingsHandler;
import org.eclipse.jetty.websocket.client.ClientUpgradeRequest;
import org.eclipse.jetty.websocket.client.WebSocketClient;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import static com.meshagent.devserver.rooms.FakeCredentials.KEY_ID;
import static com.meshagent.devserver.rooms.FakeCredentials.PROJECT;
import static com.meshagent.devserver.rooms.FakeCredentials.SECRET;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The room handler works wherever devserver-core mounts it. */
class RoomServerMountingTest {

    void joinsWhenMountedAs(Function<RoomServer, Handler> mount) throws Exception {
        LoopbackJetty server = new LoopbackJetty(
                mount.apply(new RoomServer(new FakeCredentials(), new MutableClock(Instant.now()))));
        WebSocketClient client = new WebSocketClient();
        try {
            client.start();
            ClientUpgradeRequest request = new ClientUpgradeRequest(server.base("ws").resolve("/rooms/lobby"));
            request.setHeader("Authorization", "Bearer " + TestTokens.hs256(
                    TestTokens.claims("a", "lobby", TestTokens.messagingAndLlm(), null, PROJECT, KEY_ID), SECRET));
            Peer peer = new Peer();
            client.connect(peer, request).get(10, TimeUnit.SECONDS);
            assertEquals("lobby", peer.next("room_ready").json().get("room_name"));
            assertEquals("init", peer.next("connected").json().get("type"));
        } finally {
            client.stop();
            server.close();
        }
    }

    @Test
    void joinsWhenMountedDirectlyOnTheServer() throws Exception {
        joinsWhenMountedAs(rooms -> rooms);
    }

    @Test
    void joinsWhenMountedAtTheRootContextAfterAnotherHandler() throws Exception {
        joinsWhenMountedAs(rooms -> new ContextHandler(new Handler.Sequence(rooms, new Handler.Abstract() {
            @Override
            public boolean handle(org.eclipse.jetty.server.Request r, org.eclipse.jetty.server.Response s,
                    org.eclipse.jetty.util.Callback c) {
                return false;
            }
        }), "/"));
    }

    @Test
    void joinsWhenMountedInPathMappingsHandler() throws Exception {
        joinsWhenMountedAs(rooms -> {
            PathMappingsHandler mappings = new PathMappingsHandler();
            mappings.addMapping(PathSpec.from("/rooms/*"), rooms);
            return new ContextHandler(mappings, "/");
        });
    }

    @Test
    void joinsWhenMountedUnderContextPathRooms() throws Exception {
        joinsWhenMountedAs(rooms -> new ContextHandlerCollection(
                new ContextHandler(new Handler.Abstract() {
                    @Override
                    public boolean handle(org.eclipse.jetty.server.Request r, org.eclipse.jetty.server.Response s,
                            org.eclipse.jetty.util.Callback c) {
                        return false;
                    }
                }, "/other"),
                new ContextHandler(rooms, "/rooms")));
    }
}
