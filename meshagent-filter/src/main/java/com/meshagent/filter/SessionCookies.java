package com.meshagent.filter;

import com.meshagent.filter.internal.log.Log;
import jakarta.servlet.ServletContext;
import jakarta.servlet.SessionCookieConfig;
import jakarta.servlet.SessionTrackingMode;
import java.net.URI;
import java.util.EnumSet;

/**
 * Makes the container's session cookie HttpOnly, SameSite=Lax, Secure on https, and session tracking
 * cookie-only. Containers accept these settings only while the context starts; when called later (from
 * {@code Filter.init}) they refuse, and we log what the application must configure itself.
 */
final class SessionCookies {

    private static final Log LOG = Log.of(SessionCookies.class);

    private SessionCookies() {}

    static void secure(ServletContext context, boolean https) {
        SessionCookieConfig c = context.getSessionCookieConfig();
        // each setting on its own: containers differ in which they still accept at this point
        attempt(() -> c.setHttpOnly(true));
        if (https) {
            attempt(() -> c.setSecure(true));
        }
        attempt(() -> c.setAttribute("SameSite", "Lax"));
        attempt(() -> context.setSessionTrackingModes(EnumSet.of(SessionTrackingMode.COOKIE)));
    }

    /** Logs what is still missing; called from the filter's {@code init()}. */
    static void secureOrWarn(ServletContext context, URI redirectUri) {
        boolean https = "https".equalsIgnoreCase(redirectUri.getScheme());
        secure(context, https);
        check(context, https);
    }

    private static void attempt(Runnable setting) {
        try {
            setting.run();
        } catch (IllegalStateException | UnsupportedOperationException tooLate) {
            // reported by check()
        }
    }

    private static void check(ServletContext context, boolean https) {
        SessionCookieConfig c = context.getSessionCookieConfig();
        java.util.List<String> missing = new java.util.ArrayList<>();
        if (!c.isHttpOnly()) {
            missing.add("HttpOnly");
        }
        if (https && !c.isSecure()) {
            missing.add("Secure");
        }
        if (!"Lax".equalsIgnoreCase(c.getAttribute("SameSite"))) {
            missing.add("SameSite=Lax");
        }
        if (context.getEffectiveSessionTrackingModes().contains(SessionTrackingMode.URL)) {
            missing.add("tracking mode COOKIE only");
        }
        if (!missing.isEmpty()) {
            LOG.warn("the session cookie lacks {} and the filter cannot set it once the context has started: configure "
                    + "it in web.xml <session-config> or call MeshAgentFilter.configureSessionCookies before the "
                    + "context starts", String.join(", ", missing));
        }
    }
}
