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
     * True when a state-changing request comes from our own pages, decided from what browsers really send.
     * <ol>
     * <li>{@code Sec-Fetch-Site} (Fetch metadata, set by the browser; no page can forge it) comes first: only
     * {@code same-origin} passes. {@code same-site}, {@code cross-site} and {@code none} (user-initiated, which a
     * POST from our pages never is) are refused. With {@code same-origin}, an {@code Origin} header may be
     * absent or the opaque {@code null} (Chromium, following the Fetch standard, sends {@code Origin: null} on
     * a form POST from a page whose {@code Referrer-Policy} is {@code no-referrer}); any other {@code Origin}
     * must still be ours, since a browser never sends two headers that disagree.</li>
     * <li>Without {@code Sec-Fetch-Site} (older browsers, scripts), {@code Origin} decides: it must equal the
     * request's own origin or {@code appOrigin} (the configured redirect URI's, {@link #originOf}, worked out
     * once). {@code Origin: null} is refused here: nothing vouches that the opaque page is ours.</li>
     * <li>Neither header: refused. {@code Referer} is never consulted: referrer policies and privacy tools drop
     * it, and a non-browser client can send {@code Origin} just as easily.</li>
     * </ol>
     */
    public static boolean sameOrigin(Exchange ex, String appOrigin) {
        Optional<String> site = ex.header("Sec-Fetch-Site");
        Optional<String> origin = ex.header("Origin");
        if (site.isPresent()) {
            return site.get().equalsIgnoreCase("same-origin")
                    && (origin.isEmpty() || origin.get().equals("null") || ours(origin.get(), ex, appOrigin));
        }
        return origin.isPresent() && ours(origin.get(), ex, appOrigin);
    }

    private static boolean ours(String origin, Exchange ex, String appOrigin) {
        String o = origin.toLowerCase(Locale.ROOT);
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
