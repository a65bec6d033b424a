package com.meshagent.spring.boot.security;

import com.meshagent.filter.MeshAgentRequests;
import com.nimbusds.jose.util.JSONObjectUtils;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;

/**
 * Where Spring Security sends a request that needs a user: a browser navigation is redirected to
 * {@code /meshagent/login} with the page it asked for as {@code return_to}; a request that wants JSON gets 401
 * {@code application/problem+json} with {@code reason: not_signed_in} and the {@code login_url}. Both are told
 * apart by the rule the filter applies on its own protected paths ({@link MeshAgentRequests#wantsJson}), so a page's
 * {@code fetch} gets the same answer whichever of the two guards the path.
 */
final class MeshAgentEntryPoint implements AuthenticationEntryPoint {

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
            throws IOException {
        String target = request.getRequestURI().substring(request.getContextPath().length())
                + (request.getQueryString() == null ? "" : "?" + request.getQueryString());
        String login = MeshAgentRequests.loginUrl(request, target);
        if (MeshAgentRequests.wantsJson(request)) {
            response.setStatus(401);
            response.setContentType("application/problem+json");
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            Map<String, Object> problem = new LinkedHashMap<>();
            problem.put("type", "about:blank");
            problem.put("title", "Sign in first");
            problem.put("status", 401);
            problem.put("detail", "This resource needs a signed-in user.");
            problem.put("reason", "not_signed_in");
            problem.put("login_url", login);
            response.getWriter().write(JSONObjectUtils.toJSONString(problem));
            return;
        }
        response.sendRedirect(login);
    }
}
