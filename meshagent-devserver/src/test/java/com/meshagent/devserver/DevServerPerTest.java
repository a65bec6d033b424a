package com.meshagent.devserver;

import com.meshagent.testsupport.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * The set-up of the tests that drive a fresh devserver over HTTP: one server per test on a free port, on a clock the
 * test moves, with {@link Flows#REDIRECT} registered for the bootstrap client.
 */
abstract class DevServerPerTest {
    final MutableClock clock = MutableClock.startingNow();
    DevServer dev;
    Flows flows;
    /** The bootstrap project's API key. */
    String apiKey;

    @BeforeEach
    void startDevServer() {
        dev = DevServer.builder().port(0).clock(clock).redirectUris(Flows.REDIRECT).start();
        flows = new Flows(dev);
        apiKey = dev.bootstrap().apiKey();
    }

    @AfterEach
    void stopDevServer() {
        dev.close();
    }
}
