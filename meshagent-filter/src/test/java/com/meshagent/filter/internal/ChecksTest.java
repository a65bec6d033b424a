package com.meshagent.filter.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The one set of argument rules the builders, records and stores of the filter share. */
class ChecksTest {

    @Test
    void aMissingValueIsANullPointerExceptionNamingIt() {
        assertEquals("user id", assertThrows(NullPointerException.class, () -> Checks.nonBlank(null, "user id")).getMessage());
        assertEquals("maxTtl", assertThrows(NullPointerException.class, () -> Checks.positive(null, "maxTtl")).getMessage());
        assertEquals("refreshSkew",
                assertThrows(NullPointerException.class, () -> Checks.notNegative(null, "refreshSkew")).getMessage());
    }

    @Test
    void blankTextIsRefusedWithoutEchoingIt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Checks.nonBlank(" \t", "access token"));
        assertEquals("access token must not be blank", e.getMessage());
        String id = "u-1";
        assertSame(id, Checks.nonBlank(id, "user id"));
    }

    @Test
    void positiveRefusesZeroAndNegativeDurationsAndNamesTheValue() {
        assertEquals("ttl must be positive: PT0S",
                assertThrows(IllegalArgumentException.class, () -> Checks.positive(Duration.ZERO, "ttl")).getMessage());
        assertEquals("ttl must be positive: PT-1S",
                assertThrows(IllegalArgumentException.class, () -> Checks.positive(Duration.ofSeconds(-1), "ttl")).getMessage());
        assertEquals(Duration.ofNanos(1), Checks.positive(Duration.ofNanos(1), "ttl"));
    }

    @Test
    void notNegativeAllowsZeroButNotLess() {
        assertEquals(Duration.ZERO, Checks.notNegative(Duration.ZERO, "refreshSkew"));
        assertEquals("refreshSkew must not be negative: PT-0.001S", assertThrows(IllegalArgumentException.class,
                () -> Checks.notNegative(Duration.ofMillis(-1), "refreshSkew")).getMessage());
    }

    @Test
    void checkedReturnsAValidValueAndRefusesAnInvalidOneWithTheRuleAndTheValue() {
        assertEquals(5, Checks.checked(5, true, "unused"));
        assertEquals("maximumSize must be zero or positive: -1", assertThrows(IllegalArgumentException.class,
                () -> Checks.checked(-1L, false, "maximumSize must be zero or positive")).getMessage());
    }
}
