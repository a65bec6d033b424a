package com.meshagent.filter;

import com.meshagent.filter.internal.Checks;
import java.io.Serializable;
import java.security.Principal;
import java.util.Objects;
import java.util.Optional;

/**
 * The signed-in MeshAgent user, as the filter shows it to the application through
 * {@code request.getUserPrincipal()}.
 *
 * <p>A user is identified by {@code (provider, id)}: the provider is the MeshAgent API URL (MeshAgent
 * mode) or the OIDC issuer (OIDC mode), and {@code id} is the provider's stable subject id. The email
 * address is never used to link accounts.
 *
 * <p><b>Verified email.</b> {@code emailVerified} says whether the provider vouched that the user controls
 * {@code email}: in OIDC mode the ID token's or userinfo's {@code email_verified} claim is the JSON boolean
 * {@code true} (anything else, including a missing claim or the string {@code "true"}, counts as
 * unverified); in MeshAgent mode the profile's email is taken as verified (MeshAgent accounts sign in by
 * email; an inference, see the README). Anything that decides access or names the user to others
 * &mdash; {@code RoomRules.Match.emailDomain}, the participant {@code name} in room tokens &mdash; uses
 * {@link #verifiedEmail()} only, never {@link #email()}.
 *
 * <p>{@link #getName()} (the {@link Principal} name, also {@code request.getRemoteUser()}) is the
 * subject {@code id}; {@link #name()} is the display name.
 *
 * @param provider the provider that vouched for this user, never {@code null}
 * @param id the provider's subject id, never {@code null} or blank
 * @param email the email address, or {@code null} when the provider did not give one
 * @param name a display name, or {@code null} when the provider did not give one
 * @param emailVerified whether the provider vouched for {@code email}; {@code false} when there is no email
 * @serial exclude
 */
public record MeshAgentUser(String provider, String id, String email, String name, boolean emailVerified)
        implements Principal, Serializable {

    // A record's serialized form is its components, documented by the @param tags above; "@serial exclude" keeps
    // JDK 17's javadoc from asking for comments on the record's private fields (JDK-8275199, fixed after 17).
    private static final long serialVersionUID = 1L;

    /**
     * Checks the identity: provider and a non-blank id are required.
     *
     * @param provider the provider that vouched for this user
     * @param id       the provider's subject id
     * @param email    the email address, or {@code null}
     * @param name     a display name, or {@code null}
     * @param emailVerified whether the provider vouched for {@code email}
     */
    public MeshAgentUser {
        Objects.requireNonNull(provider, "provider");
        Checks.nonBlank(id, "user id");
        emailVerified = emailVerified && email != null && !email.isBlank();
    }

    /**
     * A user whose email, if any, is NOT verified: the form this record had before {@code emailVerified}
     * existed. Use the five-argument constructor to say the provider vouched for the email.
     *
     * @param provider the provider that vouched for this user
     * @param id       the provider's subject id
     * @param email    the email address, or {@code null}
     * @param name     a display name, or {@code null}
     */
    public MeshAgentUser(String provider, String id, String email, String name) {
        this(provider, id, email, name, false);
    }

    /** {@return the email, only when the provider vouched for it; what access rules and participant names use} */
    public Optional<String> verifiedEmail() {
        return emailVerified ? Optional.of(email) : Optional.empty();
    }

    /** The subject id; what {@code getRemoteUser()} returns. */
    @Override
    public String getName() {
        return id;
    }

    /**
     * A name fit to show the user themselves: the display name, else the email (verified or not), else the
     * id. Like {@link #name()} it proves nothing; never decide access with it.
     *
     * @return the name to show
     */
    public String displayName() {
        if (name != null && !name.isBlank()) {
            return name;
        }
        return email != null && !email.isBlank() ? email : id;
    }
}
