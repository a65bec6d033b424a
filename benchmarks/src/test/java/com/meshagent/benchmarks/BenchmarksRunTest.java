package com.meshagent.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.springframework.mock.web.MockHttpServletResponse;

/**
 * Every JMH benchmark's set-up and every benchmark method run once, for every {@code @Param} value, so a change
 * elsewhere that breaks a benchmark fails the build instead of the next measurement (JMH itself is not part of
 * {@code mvn verify}). The set-ups check what the benchmark measures (e.g. that the room-token request really
 * answers a token), so this also keeps the figures meaning what docs/benchmarks.md says.
 */
class BenchmarksRunTest {

    private static final List<Class<?>> BENCHMARKS = List.of(FilterPassBenchmark.class, MetricsOverheadBenchmark.class,
            RoomTokensBenchmark.class);

    @Test
    void everyBenchmarkSetsUpAndRunsOnce() throws Exception {
        List<String> ran = new ArrayList<>();
        for (Class<?> type : BENCHMARKS) {
            for (String value : paramValues(type)) {
                Object bench = type.getDeclaredConstructor().newInstance();
                for (Field f : type.getDeclaredFields()) {
                    if (f.isAnnotationPresent(Param.class)) {
                        f.setAccessible(true);
                        f.set(bench, value);
                    }
                }
                for (Method m : type.getMethods()) {
                    if (m.isAnnotationPresent(Setup.class)) {
                        m.invoke(bench);
                    }
                }
                for (Method m : type.getMethods()) {
                    if (m.isAnnotationPresent(Benchmark.class)) {
                        m.invoke(bench);
                        ran.add(type.getSimpleName() + "." + m.getName() + (value.isEmpty() ? "" : "[" + value + "]"));
                    }
                }
            }
        }
        assertFalse(ran.isEmpty());
    }

    /**
     * A baseline differs from what it is the baseline of only in the filter: the servlet alone writes the same body
     * as the pass through the filter, and the JSON baseline the same headers as the room-token endpoint.
     */
    @Test
    void theFilterPassBaselinesWriteWhatTheFilterPassesWrite() throws Exception {
        FilterPassBenchmark bench = new FilterPassBenchmark();
        bench.setUp();
        assertEquals(bench.signedInGet().getContentAsString(), bench.baselineGet().getContentAsString());
        MockHttpServletResponse hit = bench.roomTokenHit();
        MockHttpServletResponse baseline = bench.baselineJsonPost();
        assertEquals(hit.getContentAsString(), baseline.getContentAsString());
        assertEquals(Set.copyOf(hit.getHeaderNames()), Set.copyOf(baseline.getHeaderNames()));
        for (String name : hit.getHeaderNames()) {
            assertEquals(hit.getHeader(name), baseline.getHeader(name), name);
        }
    }

    /** The values of the class's one {@code @Param} field, or one empty value when it has none. */
    private static List<String> paramValues(Class<?> type) {
        for (Field f : type.getDeclaredFields()) {
            Param p = f.getAnnotation(Param.class);
            if (p != null) {
                return List.of(p.value());
            }
        }
        return List.of("");
    }
}
