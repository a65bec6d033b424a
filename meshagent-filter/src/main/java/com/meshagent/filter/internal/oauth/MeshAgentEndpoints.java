package com.meshagent.filter.internal.oauth;

import java.net.URI;

/**
 * MeshAgent's OAuth and profile endpoints. MeshAgent publishes no discovery document, so these paths are
 * the ones its official clients use (docs/meshagent-protocol.md §2.1, confirmed [C]); the rest of what we assume
 * about MeshAgent is inferred ([I]): RFC 6749 error redirects (§2.2), RFC 6749 error JSON from the token
 * endpoint (§2.4), no revocation or end-session endpoint (§2.1, so sign-out is local only), and that the
 * profile's email is verified ({@link #PROFILE_EMAIL_VERIFIED}).
 */
public final class MeshAgentEndpoints {

    private MeshAgentEndpoints() {}

    /**
     * Whether the email in MeshAgent's profile ({@link #profile}) is taken as verified: yes, inferred [I].
     * The profile carries no {@code email_verified} field (docs/meshagent-protocol.md §2.5), and MeshAgent
     * accounts sign in by email, so MeshAgent itself stands behind the address it returns for the
     * signed-in account. If MeshAgent ever publishes a verification flag, read it instead of this.
     */
    public static final boolean PROFILE_EMAIL_VERIFIED = true;

    /** The API URL without a trailing slash; also the provider id of MeshAgent-mode users. */
    public static String base(URI api) {
        String s = api.toString();
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }

    public static URI authorize(URI api) {
        return URI.create(base(api) + "/oauth/authorize");
    }

    public static URI token(URI api) {
        return URI.create(base(api) + "/oauth/token");
    }

    /** {@code GET} with the user's bearer token; answers {@code {"id","email","first_name","last_name"}}. */
    public static URI profile(URI api) {
        return URI.create(base(api) + "/accounts/profiles/me");
    }
}
