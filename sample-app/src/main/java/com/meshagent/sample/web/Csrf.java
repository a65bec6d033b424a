package com.meshagent.sample.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * A per-session token that the sample's own forms carry in a hidden field, so a POST from another site
 * (which cannot read the page) is refused.
 */
public final class Csrf {

    static final String FIELD = "csrf";
    private static final String SESSION_KEY = Csrf.class.getName() + ".TOKEN";
    private static final SecureRandom RANDOM = new SecureRandom();

    private Csrf() {}

    /** The hidden input to put inside a form; creates the session's token on first use. */
    public static String hiddenField(HttpServletRequest req) {
        return "<input type=\"hidden\" name=\"" + FIELD + "\" value=\"" + Html.esc(token(req)) + "\">";
    }

    /** Whether the request carries the session's token. */
    public static boolean valid(HttpServletRequest req) {
        HttpSession session = req.getSession(false);
        String sent = req.getParameter(FIELD);
        if (session == null || sent == null || !(session.getAttribute(SESSION_KEY) instanceof String expected)) {
            return false;
        }
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), sent.getBytes(StandardCharsets.UTF_8));
    }

    private static String token(HttpServletRequest req) {
        HttpSession session = req.getSession(true);
        synchronized (session) {
            Object existing = session.getAttribute(SESSION_KEY);
            if (existing instanceof String token) {
                return token;
            }
            byte[] bytes = new byte[32];
            RANDOM.nextBytes(bytes);
            String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
            session.setAttribute(SESSION_KEY, token);
            return token;
        }
    }
}
