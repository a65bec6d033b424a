package com.meshagent.filter;

import java.io.Serializable;
import java.security.Principal;
import java.util.Objects;

/**
 * The signed-in MeshAgent user, as the filter shows it to the application through
 * {@code request.getUserPrincipal()}.
 *
 * <p>A user is identified by {@code (provider, id)}: the provider is the MeshAgent API URL (MeshAgent
 * mode) or the OIDC issuer (OIDC mode), and {@code id} is the provider's stable subject id. The email
 * address is informational and never used to link accounts.
 *
 * <p>{@link #getName()} (the {@link Principal} name, also {@code request.getRemoteUser()}) is the
 * subject {@code id}; {@link #name()} is the display name.
 *
 * @param provider the provider that vouched for this user, never {@code null}
 * @param id the provider's subject id, never {@code null} or blank
 * @param email the email address, or {@code null} when the provider did not give one
 * @param name a display name, or {@code null} when the provider did not give one
 */
public record MeshAgentUser(String provider, String id, String email, String name)
        implements Principal, Serializable {

    private static final long serialVersionUID = 1L;

    /**
     * Checks the identity: provider and a non-blank id are required.
     *
     * @param provider the provider that vouched for this user
     * @param id       the provider's subject id
     * @param email    the email address, or {@code null}
     * @param name     a display name, or {@code null}
     */
    public MeshAgentUser {
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(id, "id");
        if (id.isBlank()) {
            throw new IllegalArgumentException("user id must not be blank");
        }
    }

    /** The subject id; what {@code getRemoteUser()} returns. */
    @Override
    public String getName() {
        return id;
    }

    /**
     * A name fit to show.
     *
     * @return the display name, else the email, else the id
     */
    public String displayName() {
        if (name != null && !name.isBlank()) {
            return name;
        }
        return email != null && !email.isBlank() ? email : id;
    }
}
