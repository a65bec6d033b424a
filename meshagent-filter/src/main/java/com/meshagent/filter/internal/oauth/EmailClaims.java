package com.meshagent.filter.internal.oauth;

/**
 * Whether an OIDC provider vouched for the user's email (OpenID Connect Core 1.0 §5.1 {@code email_verified}).
 *
 * <p>Only the JSON boolean {@code true} counts. A missing claim, {@code false}, {@code null}, a number, and
 * the string {@code "true"} that some providers send all count as unverified: the claim is defined as a
 * boolean, and a provider that cannot say so plainly has not vouched for anything we can rely on. The
 * price is that such a provider's users are named by their subject id and match no email rule.
 *
 * @param address the email, or {@code null}
 * @param verified whether the provider vouched for {@code address}; never {@code true} without an address
 */
record EmailClaims(String address, boolean verified) {

    EmailClaims {
        verified = verified && address != null;
    }

    /** The email and its {@code email_verified} claim, both taken from the same document. */
    static EmailClaims of(String address, Object emailVerifiedClaim) {
        return new EmailClaims(address, Boolean.TRUE.equals(emailVerifiedClaim));
    }

    /**
     * The ID token's email, replaced by userinfo's when userinfo names one. A flag stays with the address it
     * was sent with: userinfo's address is verified when userinfo says {@code true}, or when userinfo sends
     * no {@code email_verified} at all and the ID token vouched for exactly the same address. A userinfo
     * that says anything but {@code true} for the address overrides the ID token: the provider is not sure.
     */
    EmailClaims updatedBy(String userInfoAddress, Object userInfoEmailVerifiedClaim) {
        if (userInfoAddress == null) {
            return this;
        }
        if (userInfoEmailVerifiedClaim == null) {
            return new EmailClaims(userInfoAddress, verified && userInfoAddress.equals(address));
        }
        return of(userInfoAddress, userInfoEmailVerifiedClaim);
    }
}
