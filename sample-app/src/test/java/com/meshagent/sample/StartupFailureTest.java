package com.meshagent.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A newcomer whose port is taken gets one sentence naming the variable to change, and nothing keeps running. */
class StartupFailureTest {

    private static final PrintStream QUIET = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);

    @Test
    void takenAppPortNamesPort() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            String port = String.valueOf(taken.getLocalPort());
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> SampleApp.start(Map.of("PORT", port, "MESHAGENT_DEV_PORT", "0"), QUIET));
            assertTrue(e.getMessage().endsWith("set PORT to a free port"), e.getMessage());
        }
    }

    @Test
    void takenDevServerPortNamesMeshagentDevPortAndReleasesTheAppPort() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                ServerSocket appPort = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int app = appPort.getLocalPort();
            appPort.close();
            String devPort = String.valueOf(taken.getLocalPort());
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> SampleApp.start(Map.of("PORT", String.valueOf(app), "MESHAGENT_DEV_PORT", devPort), QUIET));
            assertEquals("cannot start the devserver on port " + devPort + " (in use); set MESHAGENT_DEV_PORT to a free port",
                    e.getMessage());
            try (ServerSocket again = new ServerSocket(app, 1, InetAddress.getLoopbackAddress())) {
                assertEquals(app, again.getLocalPort(), "the app's port was released after the failed start");
            }
        }
    }
}
