package com.meshagent.filter;

import jakarta.servlet.ServletContext;
import jakarta.servlet.SessionCookieConfig;
import jakarta.servlet.SessionTrackingMode;
import java.net.URI;
import java.util.EnumSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes the container's session cookie HttpOnly, SameSite=Lax, Secure on https, and session tracking
 * cookie-only. Containers accept these settings only while the context starts; when called later (from
 * {@code Filter.init}) they refuse, and we log what the application must configure itself.
 */
final class SessionCookies {

    private static final Logger LOG = LoggerFactory.getLogger(SessionCookies.class);

    private SessionCookies() {}

    static void secure(ServletContext context, URI redirectUri) {
        boolean https = "https".equalsIgnoreCase(redirectUri.getScheme());
        try {
            SessionCookieConfig c = context.getSessionCookieConfig();
            c.setHttpOnly(true);
            c.setSecure(https);
            c.setAttribute("SameSite", "Lax");
            context.setSessionTrackingModes(EnumSet.of(SessionTrackingMode.COOKIE));
        } catch (IllegalStateException | UnsupportedOperationException tooLate) {
            check(context, https);
        }
    }

    private static void check(ServletContext context, boolean https) {
        SessionCookieConfig c = context.getSessionCookieConfig();
        boolean ok = c.isHttpOnly() && (!https || c.isSecure()) && "Lax".equalsIgnoreCase(c.getAttribute("SameSite"))
                && context.getEffectiveSessionTrackingModes().equals(EnumSet.of(SessionTrackingMode.COOKIE));
        if (!ok) {
            LOG.warn("the session cookie could not be configured from the filter (the context had started): set it "
                    + "HttpOnly, SameSite=Lax{}, and tracking mode COOKIE only in web.xml <session-config> or before "
                    + "the context starts (MeshAgentFilter.configureSessionCookies)", https ? ", Secure" : "");
        }
    }
}
