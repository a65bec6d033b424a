package com.meshagent.filter.internal.flow;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Decides whether a requested return target may be kept: only a same-origin, relative path passes; every
 * other value (absolute or protocol-relative URLs, backslashes, control characters or whitespace, encoded
 * forms of those, {@code javascript:} and friends, over-long values) becomes {@code "/"}.
 */
public final class ReturnPaths {

    public static final String DEFAULT = "/";
    static final int MAX_LENGTH = 2048;

    private ReturnPaths() {}

    /** {@code candidate} when it is a safe same-origin path (with optional query), else {@code "/"}. */
    public static String sanitize(String candidate) {
        return isSafe(candidate) ? candidate : DEFAULT;
    }

    static boolean isSafe(String s) {
        if (s == null || s.isEmpty() || s.length() > MAX_LENGTH) {
            return false;
        }
        if (!plainPath(s)) {
            return false;
        }
        // browsers and proxies decode some escapes before acting: the decoded form must be just as plain
        String decoded = s;
        for (int i = 0; i < 3 && decoded.indexOf('%') >= 0; i++) {
            try {
                decoded = URLDecoder.decode(decoded.replace("+", "%2B"), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                return false;
            }
            if (!plainPath(decoded)) {
                return false;
            }
        }
        try {
            URI u = new URI(s);
            return u.getScheme() == null && u.getRawAuthority() == null && u.getRawFragment() == null
                    && u.getRawPath() != null && u.getRawPath().startsWith("/");
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private static boolean plainPath(String s) {
        if (!s.startsWith("/") || s.startsWith("//")) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c <= 0x20 || c == 0x7f || c == '\\' || Character.isWhitespace(c) || Character.isISOControl(c)
                    || c == '\u2028' || c == '\u2029' || c == '\u00a0' || c == '\ufeff') {
                return false;
            }
        }
        // a path segment like "/./" or "/../" could be folded by the browser into "//host"
        String lower = s.toLowerCase(Locale.ROOT);
        return !lower.contains("/./") && !lower.contains("/../") && !lower.endsWith("/.") && !lower.endsWith("/..");
    }
}
