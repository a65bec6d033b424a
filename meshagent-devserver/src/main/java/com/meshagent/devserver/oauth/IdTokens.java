package com.meshagent.devserver.oauth;

import com.meshagent.devserver.state.User;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.oauth2.sdk.token.BearerAccessToken;
import com.nimbusds.openid.connect.sdk.claims.AccessTokenHash;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;

/** Signs RS256 OpenID Connect ID tokens with the server's key and publishes its public JWK set. */
public final class IdTokens {
    private final RSAKey key;
    private final String issuer;

    public IdTokens(RSAKey key, String issuer) {
        if (!key.isPrivate()) {
            throw new IllegalArgumentException("the id_token signing key must be a private RSA key");
        }
        this.key = key;
        this.issuer = issuer;
    }

    /**
     * The signing key for a server without saved state: generated once per JVM (RSA generation is slow, and
     * in-memory servers started by tests would otherwise pay for it each time). Servers with a data
     * directory keep the key they saved.
     */
    public static RSAKey processKey() {
        return ProcessKey.KEY;
    }

    private static final class ProcessKey {
        static final RSAKey KEY = generateKey();
    }

    /** A fresh 2048-bit RS256 signing key with a random {@code kid}. */
    public static RSAKey generateKey() {
        try {
            return new RSAKeyGenerator(2048).keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.RS256)
                    .keyID(UUID.randomUUID().toString()).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot generate the id_token signing key", e);
        }
    }

    public String issuer() {
        return issuer;
    }

    /** The public keys, for {@code jwks_uri}. */
    public JWKSet publicJwks() {
        return new JWKSet(key.toPublicJWK());
    }

    /**
     * An ID token for {@code user} and audience {@code clientId} (OIDC Core §2): iss, sub (the user id),
     * aud, exp, iat, auth_time, nonce (when the request had one), at_hash, email, name and sid (the
     * provider-side sign-in, when there is one).
     */
    public String sign(User user, String clientId, String nonce, Instant now, Instant authTime, Duration lifetime,
            List<String> scopes, String accessToken, String sid) {
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .issuer(issuer)
                .subject(user.id())
                .audience(clientId)
                .expirationTime(Date.from(now.plus(lifetime)))
                .issueTime(Date.from(now))
                .claim("auth_time", (authTime == null ? now : authTime).getEpochSecond())
                .claim("at_hash", AccessTokenHash.compute(new BearerAccessToken(accessToken), JWSAlgorithm.RS256, null)
                        .getValue());
        if (nonce != null) {
            claims.claim("nonce", nonce);
        }
        if (sid != null) {
            claims.claim("sid", sid);
        }
        claims.claim("email", user.email()).claim("email_verified", true).claim("name", user.displayName());
        if (user.firstName() != null) {
            claims.claim("given_name", user.firstName());
        }
        if (user.lastName() != null) {
            claims.claim("family_name", user.lastName());
        }
        return signed(JOSEObjectType.JWT, claims.build());
    }

    /** A JWT of type {@code typ} over {@code claims}, signed RS256 with the server's key. */
    String signed(JOSEObjectType typ, JWTClaimsSet claims) {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID())
                .type(typ).build(), claims);
        try {
            jwt.sign(new RSASSASigner(key));
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign the " + typ + " token", e);
        }
        return jwt.serialize();
    }
}
