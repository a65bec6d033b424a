package com.meshagent.filter;

import com.meshagent.filter.internal.flow.Links;
import com.meshagent.filter.internal.flow.RequestKind;
import com.meshagent.filter.internal.flow.SignInEngine;
import com.meshagent.filter.internal.servlet.ServletExchange;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;

/** Helpers for application code behind {@link MeshAgentFilter}. */
public final class MeshAgentRequests {

    private MeshAgentRequests() {}

    /**
     * The signed-in user of this request, if any: the same object as {@code getUserPrincipal()}, also when a
     * framework in between (e.g. Spring Security) made the principal its own authentication object.
     *
     * @param request a request that passed through {@link MeshAgentFilter}
     * @return the user (the same object as {@code getUserPrincipal()}), or empty when nobody is signed in
     */
    public static Optional<MeshAgentUser> user(HttpServletRequest request) {
        if (request.getUserPrincipal() instanceof MeshAgentUser u) {
            return Optional.of(u);
        }
        return request.getAttribute(MeshAgentFilter.USER_ATTRIBUTE) instanceof MeshAgentUser u
                ? Optional.of(u) : Optional.empty();
    }

    /**
     * A valid access token of the signed-in user (refreshed first when it is about to expire), for calling
     * MeshAgent server-side, e.g. the LLM proxy. It is a secret: never put it in a page, a URL or a log.
     * Empty when nobody is signed in, the request did not pass through the filter, or MeshAgent could not
     * renew an expired token right now.
     *
     * @param request a request that passed through {@link MeshAgentFilter}
     * @return the access token, or empty as described above
     */
    public static Optional<String> accessToken(HttpServletRequest request) {
        Object engine = request.getAttribute(MeshAgentFilter.ENGINE_ATTRIBUTE);
        if (!(engine instanceof SignInEngine e)) {
            return Optional.empty();
        }
        return e.accessToken(new ServletExchange(request).session());
    }

    /**
     * Whether this request wants JSON rather than a page, by the rule the filter answers its own protected paths with:
     * {@code X-Requested-With}, a {@code Sec-Fetch-Mode} other than {@code navigate}, or an {@code Accept} naming JSON
     * but not HTML. A framework guarding paths itself (e.g. Spring Security's entry point) uses it to answer a script
     * with 401 and a browser navigation with a redirect to {@link #loginUrl}, as the filter does.
     *
     * @param request any request
     * @return true for a script's request, false for a browser navigation
     */
    public static boolean wantsJson(HttpServletRequest request) {
        return RequestKind.wantsJson(new ServletExchange(request));
    }

    /**
     * The URL that signs in and then returns to {@code returnTo}.
     *
     * @param request  the current request (its context path prefixes the link)
     * @param returnTo a same-origin path to come back to; anything else is replaced by {@code /}
     * @return a URL relative to the host, e.g. {@code /app/meshagent/login?return_to=%2Fdashboard}
     */
    public static String loginUrl(HttpServletRequest request, String returnTo) {
        return Links.login(request.getContextPath(), returnTo);
    }
}
