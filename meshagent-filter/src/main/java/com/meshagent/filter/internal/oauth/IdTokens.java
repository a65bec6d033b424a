package com.meshagent.filter.internal.oauth;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.openid.connect.sdk.validators.IDTokenValidator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * How ID tokens are checked (TH-11): Nimbus {@link IDTokenValidator} with the exact issuer, our client id as
 * audience, a non-empty allow-list of asymmetric algorithms taken from the provider's metadata ({@code none}
 * and HMAC never), keys from the provider's JWKS, and 60 s of clock skew. The nonce is passed by the caller
 * and must never be null.
 */
public final class IdTokens {

    public static final int MAX_CLOCK_SKEW_SECONDS = 60;

    private IdTokens() {}

    /** The advertised algorithms we accept: RSA, EC and EdDSA signatures only. */
    public static Set<JWSAlgorithm> acceptable(List<JWSAlgorithm> advertised) {
        Set<JWSAlgorithm> algs = new LinkedHashSet<>();
        if (advertised != null) {
            for (JWSAlgorithm a : advertised) {
                if (JWSAlgorithm.Family.RSA.contains(a) || JWSAlgorithm.Family.EC.contains(a)
                        || JWSAlgorithm.Family.ED.contains(a)) {
                    algs.add(a);
                }
            }
        }
        return algs;
    }

    public static IDTokenValidator validator(String issuer, String clientId, Set<JWSAlgorithm> algs,
            JWKSource<SecurityContext> keys) {
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(clientId, "clientId");
        if (algs.isEmpty()) {
            throw new IllegalArgumentException("no acceptable ID token algorithm");
        }
        IDTokenValidator v = new IDTokenValidator(new Issuer(issuer), new ClientID(clientId),
                new JWSVerificationKeySelector<>(Set.copyOf(algs), keys), null);
        v.setMaxClockSkew(MAX_CLOCK_SKEW_SECONDS);
        return v;
    }
}
