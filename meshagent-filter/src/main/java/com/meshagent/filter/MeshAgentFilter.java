package com.meshagent.filter;

import com.meshagent.filter.internal.flow.Outcome;
import com.meshagent.filter.internal.flow.Reason;
import com.meshagent.filter.internal.flow.SignInEngine;
import com.meshagent.filter.internal.log.Log;
import com.meshagent.filter.internal.servlet.OutcomeWriter;
import com.meshagent.filter.internal.servlet.ServletExchange;
import com.meshagent.filter.internal.servlet.SignedInRequest;
import com.meshagent.filter.room.RoomTokens;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;

/**
 * "Sign in with MeshAgent" for any Servlet 6 container: a thin router in front of the framework-neutral
 * sign-in engine. Map it to {@code /*}. It serves {@code /meshagent/login}, {@code /meshagent/callback},
 * {@code POST /meshagent/logout}, {@code /meshagent/session} and the room-token endpoints, and guards the
 * configured protected paths. Signed-in requests reach the application with {@code getUserPrincipal()} and
 * {@code getRemoteUser()} naming the {@link MeshAgentUser}; see {@link MeshAgentRequests} for the rest.
 *
 * <p>Configure it in code with {@link #MeshAgentFilter(MeshAgentConfig)}, or with the no-arg constructor from
 * init-params, system properties and environment variables ({@link MeshAgentConfig}). A bad configuration
 * fails {@link #init} with one message naming the setting.
 */
public final class MeshAgentFilter implements Filter {

    private static final Log LOG = Log.of(MeshAgentFilter.class);

    /** Request attribute holding the engine, for {@link MeshAgentRequests}. */
    static final String ENGINE_ATTRIBUTE = MeshAgentFilter.class.getName() + ".engine";

    /** Request attribute holding the signed-in user, for {@link MeshAgentRequests} behind wrappers that replace the principal. */
    static final String USER_ATTRIBUTE = MeshAgentFilter.class.getName() + ".user";

    private final MeshAgentConfig given;
    private volatile SignInEngine engine;

    /** For web.xml: configuration comes from init-params, system properties and environment variables. */
    public MeshAgentFilter() {
        this.given = null;
    }

    /**
     * Configured in code.
     *
     * @param config the filter's settings, built by {@link MeshAgentConfig#builder()} or
     *               {@link MeshAgentConfig#fromEnvironment()}
     */
    public MeshAgentFilter(MeshAgentConfig config) {
        this.given = java.util.Objects.requireNonNull(config, "config");
    }

    @Override
    public void init(FilterConfig filterConfig) throws ServletException {
        MeshAgentConfig config;
        Optional<RoomTokens> roomTokens;
        try {
            config = given != null ? given
                    : MeshAgentConfig.builder().fromInitParameters(filterConfig::getInitParameter).build();
            roomTokens = DefaultRoomTokens.from(config);
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new ServletException("MeshAgentFilter configuration: " + e.getMessage());
        }
        jakarta.servlet.ServletContext context = filterConfig.getServletContext();
        FilterSetup.checkRedirectPath(config, context.getContextPath());
        boolean routed = FilterSetup.ensureEndpointsRouted(context);
        SessionCookies.secureOrWarn(context, config.redirectUri());
        engine = new SignInEngine(config, roomTokens);
        LOG.info("MeshAgentFilter ready: {}; rooms {}{}", config, roomTokens.isPresent() ? "enabled" : "not configured",
                routed ? "; added servlet " + FilterSetup.ENDPOINT_SERVLET + " for /meshagent/* (none was mapped)" : "");
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain) throws IOException, ServletException {
        SignInEngine e = engine;
        if (e == null) {
            throw new ServletException("MeshAgentFilter used before init()");
        }
        if (!(req instanceof HttpServletRequest request) || !(res instanceof HttpServletResponse response)) {
            chain.doFilter(req, res);
            return;
        }
        if (request.isRequestedSessionIdFromURL() && !request.isRequestedSessionIdFromCookie()) {
            // a session id in the URL can be planted by a link: sessions travel in the cookie only
            LOG.warn("request refused: session id in the URL");
            OutcomeWriter.write(new Outcome.Problem(400, Reason.SESSION_ID_IN_URL, "Session id in URL refused",
                    "Sessions are tracked by cookie only."), response);
            return;
        }
        request.setAttribute(ENGINE_ATTRIBUTE, e);
        Outcome outcome;
        try {
            outcome = e.handle(new ServletExchange(request));
        } catch (RuntimeException failure) {
            // e.g. the session store failed: fail closed, log the kind of failure, show no stack trace
            // the path as the container matched it: the request URI may carry ;jsessionid= next to the cookie
            LOG.error("MeshAgentFilter could not handle {} {}{}: {}", request.getMethod(), request.getServletPath(),
                    request.getPathInfo() == null ? "" : request.getPathInfo(), failure.getClass().getName());
            outcome = new Outcome.Problem(500, Reason.INTERNAL_ERROR, "Sign-in failed", "Please try again.");
        }
        if (outcome instanceof Outcome.Continue c) {
            if (c.user() != null) {
                request.setAttribute(USER_ATTRIBUTE, c.user());
            }
            chain.doFilter(c.user() == null ? request : new SignedInRequest(request, c.user()), response);
            return;
        }
        OutcomeWriter.write(outcome, response);
    }

    /**
     * Makes the container's session cookie HttpOnly, SameSite=Lax, Secure when {@code https}, and session
     * tracking cookie-only. Call it while the context starts (a {@code ServletContextListener}, or before an
     * embedded server starts); {@link #init} tries the same, but containers refuse it once started.
     *
     * @param context the web application's servlet context, before it has started
     * @param https   whether the application is served over https (the cookie is then marked Secure)
     */
    public static void configureSessionCookies(jakarta.servlet.ServletContext context, boolean https) {
        SessionCookies.secure(context, https);
    }

    @Override
    public void destroy() {
        engine = null;
    }
}
