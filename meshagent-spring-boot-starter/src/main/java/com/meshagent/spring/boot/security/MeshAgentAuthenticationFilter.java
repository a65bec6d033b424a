package com.meshagent.spring.boot.security;

import com.meshagent.filter.MeshAgentRequests;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolderStrategy;

/**
 * Inside Spring Security's chain, right after the security context is loaded: when the MeshAgent filter (which runs
 * before the chain) signed the request in, the context's authentication becomes a {@link MeshAgentAuthentication}
 * for this request. Nothing is saved: the MeshAgent session stays the one source of truth, so signing out or an
 * ended refresh takes effect on the next request. It runs on every dispatch through the chain, error dispatches
 * included, so an error page (e.g. after an access denial) still sees the user; there the filter's request
 * attribute carries the user ({@link MeshAgentRequests#user}).
 */
final class MeshAgentAuthenticationFilter implements Filter {

    private final SecurityContextHolderStrategy holder;

    MeshAgentAuthenticationFilter(SecurityContextHolderStrategy holder) {
        this.holder = holder;
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (request instanceof HttpServletRequest http) {
            MeshAgentRequests.user(http).ifPresent(user -> {
                SecurityContext context = holder.createEmptyContext();
                context.setAuthentication(new MeshAgentAuthentication(user));
                holder.setContext(context);
            });
        }
        chain.doFilter(request, response);
    }
}
