package com.meshagent.filter.internal.flow;

import java.net.URI;
import java.util.Locale;
import java.util.Optional;

/** What kind of request this is: a browser navigation or a script wanting JSON; same-origin or not. */
public final class RequestKind {

    private RequestKind() {}

    /**
     * True for requests that want JSON rather than a page: {@code X-Requested-With}, {@code Sec-Fetch-Mode}
     * other than {@code navigate}, or an {@code Accept} naming JSON but not HTML.
     */
    public static boolean wantsJson(Exchange ex) {
        if (ex.header("X-Requested-With").isPresent()) {
            return true;
        }
        Optional<String> mode = ex.header("Sec-Fetch-Mode");
        if (mode.isPresent() && !mode.get().equalsIgnoreCase("navigate")) {
            return true;
        }
        String accept = ex.header("Accept").orElse("").toLowerCase(Locale.ROOT);
        return accept.contains("json") && !accept.contains("text/html");
    }

    /**
     * True when a state-changing request comes from our own pages. Every such header the request carries
     * must say so: {@code Sec-Fetch-Site} must be {@code same-origin}, and {@code Origin} must equal the
     * request's own origin or {@code appOrigin} (the configured redirect URI's, {@link #originOf}, worked out
     * once). A request carrying neither header, or an opaque {@code Origin: null}, is refused.
     */
    public static boolean sameOrigin(Exchange ex, String appOrigin) {
        Optional<String> site = ex.header("Sec-Fetch-Site");
        if (site.isPresent() && !site.get().equalsIgnoreCase("same-origin")) {
            return false;
        }
        Optional<String> origin = ex.header("Origin");
        if (origin.isEmpty()) {
            return site.isPresent();
        }
        String o = origin.get().toLowerCase(Locale.ROOT);
        return o.equals(appOrigin) || o.equals(ex.origin().toLowerCase(Locale.ROOT)); // the cheap test first
    }

    static String originOf(URI u) {
        return origin(u.getScheme(), u.getHost(), u.getPort());
    }

    /** {@code scheme://host[:port]}, lower case, without the scheme's default port ({@code -1}: none given). */
    public static String origin(String scheme, String host, int port) {
        String s = scheme.toLowerCase(Locale.ROOT);
        boolean defaultPort = port == -1 || (s.equals("http") && port == 80) || (s.equals("https") && port == 443);
        return s + "://" + host.toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port);
    }
}
