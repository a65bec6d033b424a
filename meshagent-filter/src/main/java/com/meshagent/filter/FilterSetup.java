package com.meshagent.filter;

import com.meshagent.filter.internal.flow.Links;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRegistration;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Collection;
import java.util.List;

/**
 * The start-up checks {@link MeshAgentFilter#init} makes against the web application it runs in: the
 * configured redirect URI must land on the filter's callback, and the container must route the filter's
 * endpoints to some servlet, or it answers 404 before any filter runs.
 */
final class FilterSetup {

    /** Name of the servlet the filter adds when nothing is mapped at its paths. */
    static final String ENDPOINT_SERVLET = "meshagent-endpoints";

    private static final List<String> ENDPOINTS =
            List.of(Links.LOGIN, Links.CALLBACK, Links.LOGOUT, Links.SESSION, Links.ROOMS + "/x/token");

    private FilterSetup() {}

    /**
     * The redirect URI's path must be the context path followed by {@code /meshagent/callback}: elsewhere the
     * provider's code lands on a page that never exchanges it. The message shows the path only (a URL's
     * user-info could hold a password; the config refuses it anyway).
     */
    static void checkRedirectPath(MeshAgentConfig config, String contextPath) throws ServletException {
        String expected = (contextPath == null ? "" : contextPath) + Links.CALLBACK;
        String given = config.redirectUri().getRawPath();
        if (!expected.equals(given)) {
            throw new ServletException("MeshAgentFilter configuration: meshagent.redirect-uri must have the path "
                    + expected + " (the context path followed by " + Links.CALLBACK + "), but its path is "
                    + (given == null || given.isEmpty() ? "empty" : given));
        }
    }

    /**
     * Makes sure requests to the filter's endpoints reach the filter. A container with no servlet for a path
     * (embedded Tomcat's {@code addContext} has no default servlet) answers 404 without running filters. If
     * so, adds a servlet for {@code /meshagent/*} that answers 404 for paths the filter does not serve; a
     * container that refuses (the Servlet spec allows that once the context is initialized) fails start-up
     * with one line saying what to add.
     *
     * @return whether the servlet was added
     */
    static boolean ensureEndpointsRouted(ServletContext context) throws ServletException {
        Collection<? extends ServletRegistration> registrations;
        try {
            registrations = context.getServletRegistrations().values();
        } catch (UnsupportedOperationException e) {
            return false; // the container will not tell: nothing to check
        }
        if (ENDPOINTS.stream().allMatch(path -> mapped(registrations, path))) {
            return false;
        }
        String mapping = Links.PREFIX + "/*";
        try {
            ServletRegistration.Dynamic added = context.addServlet(ENDPOINT_SERVLET, new NotFound());
            if (added != null && added.addMapping(mapping).isEmpty()) {
                return true;
            }
        } catch (IllegalStateException | UnsupportedOperationException refused) {
            // fall through to the message below
        }
        throw new ServletException("MeshAgentFilter: no servlet is mapped at " + mapping + " or / in this web "
                + "application, so the container answers 404 before the filter runs; map any servlet there (e.g. the "
                + "container's default servlet at /)");
    }

    /** Whether one of the registrations' URL patterns selects {@code path} (Servlet 6 §12.2 rules). */
    static boolean mapped(Collection<? extends ServletRegistration> registrations, String path) {
        for (ServletRegistration r : registrations) {
            for (String m : r.getMappings()) {
                if (m.equals("/") || m.equals("/*") || m.equals(path)) {
                    return true;
                }
                if (m.endsWith("/*")) {
                    String prefix = m.substring(0, m.length() - 2);
                    if (path.equals(prefix) || path.startsWith(prefix + "/")) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /** Answers 404 for anything under {@code /meshagent/} the filter did not answer itself. */
    private static final class NotFound extends HttpServlet {
        private static final long serialVersionUID = 1L;

        @Override
        protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            resp.sendError(HttpServletResponse.SC_NOT_FOUND);
        }
    }
}
