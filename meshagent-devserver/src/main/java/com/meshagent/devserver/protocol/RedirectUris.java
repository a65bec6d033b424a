package com.meshagent.devserver.protocol;

import java.net.URI;
import java.net.URISyntaxException;

/** What the devserver accepts as a registered redirect URI (RFC 6749 §3.1.2: absolute, no fragment). */
public final class RedirectUris {
    private RedirectUris() {}

    /**
     * Null when {@code uri} is acceptable as a back-channel logout URI (OpenID Connect
     * Back-Channel Logout 1.0 §2.2: an absolute http or https URI without a fragment), otherwise what is wrong with it.
     */
    public static String backchannelLogoutProblem(String uri) {
        String problem = problem(uri);
        if (problem != null) {
            return problem.replace("redirect URI", "back-channel logout URI");
        }
        String scheme = URI.create(uri).getScheme().toLowerCase(java.util.Locale.ROOT);
        return scheme.equals("http") || scheme.equals("https") ? null : "back-channel logout URI must be http or https";
    }

    /** Null when {@code uri} is acceptable, otherwise what is wrong with it. */
    public static String problem(String uri) {
        if (uri == null || uri.isBlank()) {
            return "redirect URI must not be blank";
        }
        if (uri.length() > 2048) {
            return "redirect URI is too long";
        }
        try {
            URI u = new URI(uri);
            if (!u.isAbsolute() || u.getScheme() == null) {
                return "redirect URI must be absolute";
            }
            String scheme = u.getScheme().toLowerCase(java.util.Locale.ROOT);
            if (scheme.equals("javascript") || scheme.equals("data") || scheme.equals("vbscript")) {
                return "redirect URI scheme is not allowed";
            }
            if ((scheme.equals("http") || scheme.equals("https")) && (u.getHost() == null || u.getHost().isEmpty())) {
                return "redirect URI must name a host";
            }
            if (u.getRawFragment() != null) {
                return "redirect URI must not contain a fragment";
            }
            return null;
        } catch (URISyntaxException e) {
            return "redirect URI is not a valid URI";
        }
    }
}
