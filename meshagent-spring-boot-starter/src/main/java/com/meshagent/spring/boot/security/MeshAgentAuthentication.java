package com.meshagent.spring.boot.security;

import com.meshagent.filter.MeshAgentUser;
import java.util.List;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * The request's {@code Authentication} when a MeshAgent user is signed in: the principal is the
 * {@link MeshAgentUser} as the filter gives it ({@code @AuthenticationPrincipal MeshAgentUser}), the name its
 * subject id, the one authority {@code ROLE_USER}. It carries no credentials: the user's tokens stay in the session
 * ({@code MeshAgentRequests.accessToken}).
 */
public final class MeshAgentAuthentication extends AbstractAuthenticationToken {

    private static final long serialVersionUID = 1L;

    private final MeshAgentUser user;

    public MeshAgentAuthentication(MeshAgentUser user) {
        super(List.of(new SimpleGrantedAuthority("ROLE_USER")));
        this.user = user;
        setAuthenticated(true);
    }

    @Override
    public MeshAgentUser getPrincipal() {
        return user;
    }

    /** Always {@code null}: no secret is held here. */
    @Override
    public Object getCredentials() {
        return null;
    }
}
