package com.meshagent.filter.internal.oauth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** The one rule for every number of seconds a provider sends: same value, same answer, never an overflow. */
class ProviderSecondsTest {

    private static final Instant NOW = Instant.parse("2030-01-01T00:00:00Z");

    @Test
    void numbersOfEveryJsonShapeAreReadAsWholeSeconds() {
        assertEquals(OptionalLong.of(300), ProviderSeconds.read(300));
        assertEquals(OptionalLong.of(300), ProviderSeconds.read(300L));
        assertEquals(OptionalLong.of(300), ProviderSeconds.read(300.99), "the fraction is dropped");
        assertEquals(OptionalLong.of(300), ProviderSeconds.read(new BigDecimal("300.000000000000000000001")));
        assertEquals(OptionalLong.of(300), ProviderSeconds.read("300"), "a quoted decimal number");
        assertEquals(OptionalLong.of(300), ProviderSeconds.read("300.5"));
    }

    @Test
    void outOfRangeValuesAreClampedNeverWrapped() {
        assertEquals(OptionalLong.of(0), ProviderSeconds.read(-1));
        assertEquals(OptionalLong.of(0), ProviderSeconds.read(-9_223_372_036_854_776L), "would wrap to the far future as ms");
        assertEquals(OptionalLong.of(0), ProviderSeconds.read(Long.MIN_VALUE));
        assertEquals(OptionalLong.of(0), ProviderSeconds.read(0.999));
        assertEquals(OptionalLong.of(ProviderSeconds.MAX), ProviderSeconds.read(Long.MAX_VALUE));
        assertEquals(OptionalLong.of(ProviderSeconds.MAX), ProviderSeconds.read(1e30));
        assertEquals(OptionalLong.of(ProviderSeconds.MAX), ProviderSeconds.read(Double.MAX_VALUE));
        assertEquals(OptionalLong.of(ProviderSeconds.MAX), ProviderSeconds.read(new BigInteger("9".repeat(400))));
        assertEquals(OptionalLong.of(ProviderSeconds.MAX), ProviderSeconds.read(new BigDecimal("1E+999999999")), "no huge rounding");
        assertEquals(OptionalLong.of(0), ProviderSeconds.read(new BigDecimal("1E-999999999")), "no huge rounding");
        assertEquals(Instant.parse("9999-12-31T23:59:59Z"), ProviderSeconds.instant(1e30).orElseThrow());
    }

    @Test
    void anythingButANumberIsRefused() {
        for (Object v : new Object[] {true, false, "NaN", "Infinity", "-Infinity", "1e3", "0x10", " 300", "300s", "",
                Double.NaN, Double.POSITIVE_INFINITY, Map.of("v", 1), List.of(300), "9".repeat(41)}) {
            assertTrue(ProviderSeconds.read(v).isEmpty(), String.valueOf(v));
        }
        assertTrue(ProviderSeconds.read(null).isEmpty());
    }

    @Test
    void expiresInBelowOneSecondRefusesTheResponseAndHugeOnesCannotOverflow() {
        Duration fallback = Duration.ofHours(1);
        assertEquals(Optional.of(NOW.plusSeconds(300)), ProviderSeconds.expiresAt(NOW, 300, fallback));
        assertEquals(Optional.of(NOW.plus(fallback)), ProviderSeconds.expiresAt(NOW, null, fallback), "absent: the default");
        for (Object bad : new Object[] {0, -5, 0.5, Long.MIN_VALUE, true, "soon", "NaN"}) {
            assertEquals(Optional.empty(), ProviderSeconds.expiresAt(NOW, bad, fallback), String.valueOf(bad));
        }
        // Instant.plusSeconds(Long.MAX_VALUE) throws; the clamp keeps it a (far) date
        assertEquals(Optional.of(NOW.plusSeconds(ProviderSeconds.MAX)), ProviderSeconds.expiresAt(NOW, Long.MAX_VALUE, fallback));
        assertEquals(Optional.of(NOW.plusSeconds(ProviderSeconds.MAX)), ProviderSeconds.expiresAt(NOW, 1e30, fallback));
    }
}
