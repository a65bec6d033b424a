package com.meshagent.filter.internal.servlet;

import com.meshagent.filter.MeshAgentUser;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.security.Principal;

/** Shows the signed-in MeshAgent user through the plain servlet API. */
public final class SignedInRequest extends HttpServletRequestWrapper {

    /** The value of {@link #getAuthType()}. */
    public static final String AUTH_TYPE = "MESHAGENT";

    private final MeshAgentUser user;

    public SignedInRequest(HttpServletRequest request, MeshAgentUser user) {
        super(request);
        this.user = user;
    }

    @Override
    public Principal getUserPrincipal() {
        return user;
    }

    @Override
    public String getRemoteUser() {
        return user.getName();
    }

    @Override
    public String getAuthType() {
        return AUTH_TYPE;
    }

    @Override
    public boolean isUserInRole(String role) {
        return false;
    }
}
