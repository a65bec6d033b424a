package com.meshagent.filter.it;

import com.meshagent.devserver.DevServer;
import com.meshagent.filter.MeshAgentConfig;
import com.meshagent.filter.testing.DevServerApps;
import com.meshagent.filter.testing.JettyApp;
import com.meshagent.testsupport.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * The set-up of the tests that run the filter in Jetty in MeshAgent mode against a devserver: a fresh app and
 * devserver per test, both on one hand-moved clock that starts at the system time.
 */
abstract class MeshAgentModeAppTest {
    final MutableClock clock = MutableClock.atSystemTime();
    DevServer dev;
    JettyApp app;

    /** What the test adds to {@link DevServerApps#meshAgentMode} and the clock. */
    abstract MeshAgentConfig.Builder settings(MeshAgentConfig.Builder meshAgentMode);

    @BeforeEach
    void startAppAndDevServer() throws Exception {
        app = JettyApp.start(base -> {
            dev = DevServer.builder().port(0).clock(clock).redirectUris(base + "/meshagent/callback").start();
            return settings(DevServerApps.meshAgentMode(dev, base).clock(clock)).build();
        });
    }

    @AfterEach
    void stopAppAndDevServer() throws Exception {
        app.close();
        dev.close();
    }
}
