package com.meshagent.filter.internal.oauth;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Pattern;

/**
 * The one rule for every count of seconds a provider sends: {@code expires_in} in a token response and the
 * ID token's {@code exp}, {@code iat}, {@code nbf} and {@code auth_time}. Whatever the JSON held, the answer
 * is the same for the same value, and no arithmetic on it can overflow.
 *
 * <ul>
 * <li>Accepted: a JSON number of any size or precision, or a string spelling a plain decimal number (some
 *     providers quote {@code expires_in}). Anything else (booleans, objects, {@code "NaN"}, {@code "1e3"},
 *     letters) is refused.</li>
 * <li>The fraction is dropped (rounded down), then the value is clamped to {@code 0 .. }{@link #MAX}
 *     (9999-12-31T23:59:59Z as a date): a negative or huge number never wraps around.</li>
 * </ul>
 * Callers then judge the clamped value: a date clamped to 0 is long past, so an {@code exp} of -2<sup>63</sup>
 * is expired, never valid; an {@code expires_in} below one second is refused (see {@link #expiresAt}).
 */
public final class ProviderSeconds {

    /** The largest value kept: 9999-12-31T23:59:59Z in epoch seconds. Adding it to any instant we use cannot overflow. */
    public static final long MAX = 253_402_300_799L;

    private static final BigDecimal MAX_DECIMAL = BigDecimal.valueOf(MAX);
    private static final Pattern DECIMAL = Pattern.compile("-?[0-9]{1,40}(\\.[0-9]{1,40})?");

    private ProviderSeconds() {}

    /** The value as whole seconds in {@code 0..MAX}; empty when it is not a number by the rule above. */
    public static OptionalLong read(Object value) {
        BigDecimal d;
        try {
            if (value instanceof Number n) {
                d = new BigDecimal(n.toString()); // NaN and Infinity throw
            } else if (value instanceof String s && DECIMAL.matcher(s).matches()) {
                d = new BigDecimal(s);
            } else {
                return OptionalLong.empty();
            }
        } catch (NumberFormatException notANumber) {
            return OptionalLong.empty();
        }
        // compare before rounding: rounding 1e999999999 or 1e-999999999 would cost unbounded time
        if (d.compareTo(BigDecimal.ONE) < 0) {
            return OptionalLong.of(0);
        }
        if (d.compareTo(MAX_DECIMAL) >= 0) {
            return OptionalLong.of(MAX);
        }
        return OptionalLong.of(d.longValue()); // 1 <= d < MAX: the integer part, exactly
    }

    /** A date claim by the rule above, as an instant. */
    public static Optional<Instant> instant(Object value) {
        OptionalLong s = read(value);
        return s.isPresent() ? Optional.of(Instant.ofEpochSecond(s.getAsLong())) : Optional.empty();
    }

    /**
     * When an access token received at {@code receivedAt} expires: {@code expires_in} absent means
     * {@code fallback}; a value refused by the rule above or below one second (zero, negative, a fraction)
     * makes the whole token response invalid (empty).
     */
    public static Optional<Instant> expiresAt(Instant receivedAt, Object expiresIn, Duration fallback) {
        if (expiresIn == null) {
            return Optional.of(receivedAt.plus(fallback));
        }
        OptionalLong s = read(expiresIn);
        if (s.isEmpty() || s.getAsLong() < 1) {
            return Optional.empty();
        }
        return Optional.of(receivedAt.plusSeconds(s.getAsLong()));
    }
}
