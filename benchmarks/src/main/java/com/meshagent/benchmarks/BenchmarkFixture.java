package com.meshagent.benchmarks;

import com.meshagent.filter.room.ApiScope;
import com.meshagent.filter.room.ParticipantRole;
import com.meshagent.filter.room.RoomAccessPolicy;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What every benchmark here shares: the JMH settings, which the benchmark classes inherit (one state per
 * benchmark, average time in nanoseconds, five warm-up iterations of 2 s), the API key tokens are signed
 * with and the allow-all room policy.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 2)
public abstract class BenchmarkFixture {
    static final String KEY = "ma-Ej5FZ.ibEtOkVkJmFBdAAA-Dx4tPEtaaXiQq83vEjRWeA-s3cr3t-with-dashes";

    /** Every room to every signed-in user, as a {@code user} participant with the default API scope. */
    static RoomAccessPolicy allowAllPolicy() {
        return RoomAccessPolicy.allowAll(ParticipantRole.USER, ApiScope.userDefault());
    }
}
