package com.meshagent.filter.internal;

import java.time.Duration;
import java.util.Objects;

/**
 * The argument checks the filter's public and internal types share, so each rule is written once. A missing
 * value is a {@link NullPointerException} naming it; a bad one is an {@link IllegalArgumentException} naming the
 * rule and, where it is no secret, the value.
 */
public final class Checks {
    private Checks() {}

    /**
     * {@code value} when it has a character that is not white space.
     *
     * @param value checked; never echoed, since it may be a token
     * @param name  what the value is, as messages name it
     * @return {@code value}
     */
    public static String nonBlank(String value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
        return value;
    }

    /**
     * {@code duration} when it is longer than zero.
     *
     * @param duration checked
     * @param name     what the duration is, as messages name it
     * @return {@code duration}
     */
    public static Duration positive(Duration duration, String name) {
        Objects.requireNonNull(duration, name);
        if (duration.isZero() || duration.isNegative()) {
            throw new IllegalArgumentException(name + " must be positive: " + duration);
        }
        return duration;
    }

    /**
     * {@code duration} when it is zero or longer.
     *
     * @param duration checked
     * @param name     what the duration is, as messages name it
     * @return {@code duration}
     */
    public static Duration notNegative(Duration duration, String name) {
        Objects.requireNonNull(duration, name);
        if (duration.isNegative()) {
            throw new IllegalArgumentException(name + " must not be negative: " + duration);
        }
        return duration;
    }

    /**
     * {@code value} when {@code valid}; otherwise refused with the rule and the value, as in
     * "afterLogoutPath must be a same-origin path starting with /: x". Never pass a secret: it would be in the message.
     *
     * @param value checked; shown in the message
     * @param valid whether the value keeps the rule
     * @param rule  the rule, naming the setting
     * @param <T>   the value's type
     * @return {@code value}
     */
    public static <T> T checked(T value, boolean valid, String rule) {
        if (!valid) {
            throw new IllegalArgumentException(rule + ": " + value);
        }
        return value;
    }
}
