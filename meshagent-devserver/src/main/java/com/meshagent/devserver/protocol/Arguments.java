package com.meshagent.devserver.protocol;

import java.time.Duration;

/** The one way the devserver's builder and test knobs refuse a setting: {@link IllegalArgumentException}. */
public final class Arguments {
    private Arguments() {}

    /** {@code value} when {@code valid}; otherwise refused with {@code rule} and the value, e.g. "port must be 0..65535: -1". */
    public static <T> T checked(T value, boolean valid, String rule) {
        if (!valid) {
            throw new IllegalArgumentException(rule + ": " + value);
        }
        return value;
    }

    /** {@code duration} when it is longer than zero; otherwise refused as "{@code name} must be positive". */
    public static Duration positive(Duration duration, String name) {
        return checked(duration, duration != null && !duration.isNegative() && !duration.isZero(),
                name + " must be positive");
    }

    /** {@code duration} when it is zero or longer; otherwise refused as "{@code name} must not be negative". */
    public static Duration notNegative(Duration duration, String name) {
        return checked(duration, duration != null && !duration.isNegative(), name + " must not be negative");
    }
}
