package com.meshagent.filter.internal.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.meshagent.filter.MeshAgentConfig;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;

/**
 * Micrometer is optional: the filter's classes, loaded by a class loader that cannot see {@code io.micrometer},
 * configure, route and mint a room token (the hook points of every meter run, with no registry), and the
 * filter class itself loads.
 */
class WithoutMicrometerTest {

    /** Defines {@code com.meshagent.*} itself (so their references resolve here) and has no Micrometer. */
    static final class NoMicrometer extends ClassLoader {
        NoMicrometer(ClassLoader parent) {
            super("no-micrometer", parent);
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            synchronized (getClassLoadingLock(name)) {
                if (name.startsWith("io.micrometer.")) {
                    throw new ClassNotFoundException(name + " (hidden by this test)");
                }
                if (!name.startsWith("com.meshagent.")) {
                    return super.loadClass(name, resolve);
                }
                Class<?> c = findLoadedClass(name);
                if (c == null) {
                    try (InputStream in = getParent().getResourceAsStream(name.replace('.', '/') + ".class")) {
                        if (in == null) {
                            throw new ClassNotFoundException(name);
                        }
                        byte[] bytes = in.readAllBytes();
                        c = defineClass(name, bytes, 0, bytes.length);
                    } catch (IOException e) {
                        throw new ClassNotFoundException(name, e);
                    }
                }
                return c;
            }
        }
    }

    @Test
    void theFilterRunsWithoutMicrometerOnTheClassPath() throws Exception {
        ClassLoader loader = new NoMicrometer(getClass().getClassLoader());
        assertThrows(ClassNotFoundException.class, () -> Class.forName("io.micrometer.core.instrument.MeterRegistry",
                false, loader));
        Class.forName("com.meshagent.filter.MeshAgentFilter", true, loader);
        @SuppressWarnings("unchecked")
        Callable<String> scenario = (Callable<String>) Class.forName(WithoutMicrometerScenario.class.getName(), true, loader)
                .getConstructor().newInstance();
        assertEquals("200 403 429", scenario.call());
    }

    @Test
    void aRegistryOfAnotherTypeIsRefusedByName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MeshAgentConfig.builder().meterRegistry(new Object()));
        assertEquals("meterRegistry must be an io.micrometer.core.instrument.MeterRegistry, not java.lang.Object",
                e.getMessage());
    }
}
