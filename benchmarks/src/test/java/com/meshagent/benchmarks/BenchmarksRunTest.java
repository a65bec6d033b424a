package com.meshagent.benchmarks;

import static org.junit.jupiter.api.Assertions.assertFalse;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;

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
