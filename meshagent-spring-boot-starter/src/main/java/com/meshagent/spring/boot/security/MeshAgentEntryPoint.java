package com.meshagent.spring.boot.security;

import com.meshagent.filter.MeshAgentRequests;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;

/**
 * Where Spring Security sends a request that needs a user: a browser is redirected to {@code /meshagent/login}
 * with the page it asked for as {@code return_to}; a script ({@code Accept} without {@code text/html}) gets 401
 * {@code application/problem+json} with {@code reason: not_signed_in} and the {@code login_url}, like the
 * filter's own protected paths.
 */
final class MeshAgentEntryPoint implements AuthenticationEntryPoint {

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
            throws IOException {
        String target = request.getRequestURI().substring(request.getContextPath().length())
                + (request.getQueryString() == null ? "" : "?" + request.getQueryString());
        String login = MeshAgentRequests.loginUrl(request, target);
        String accept = request.getHeader("Accept");
        if (accept != null && !accept.contains("text/html") && !accept.contains("*/*")) {
            response.setStatus(401);
            response.setContentType("application/problem+json");
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            response.getWriter().write("{\"type\":\"about:blank\",\"title\":\"Sign in first\",\"status\":401,"
                    + "\"reason\":\"not_signed_in\",\"login_url\":\"" + login.replace("\\", "\\\\").replace("\"", "\\\"")
                    + "\"}");
            return;
        }
        response.sendRedirect(login);
    }
}
