package com.meshagent.filter.internal.oauth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.openid.connect.sdk.claims.LogoutTokenClaimsSet;
import com.nimbusds.openid.connect.sdk.validators.LogoutTokenValidator;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;

/**
 * How back-channel logout tokens (OpenID Connect Back-Channel Logout 1.0 §2.4, §2.6) are checked: Nimbus
 * {@link LogoutTokenValidator} with the exact issuer, our client id in {@code aud}, the ID-token algorithms
 * ({@code none} and HMAC never) and keys from the provider's JWKS, which checks the signature, {@code iss},
 * {@code aud}, {@code iat}, {@code exp} when present, the {@code events} member, {@code sid}/{@code sub} and the
 * absence of {@code nonce}. On top: {@code iat} within {@link #MAX_AGE} before and the clock skew after our
 * clock, a {@code jti}, and a {@code typ} header, when present, of {@code logout+jwt}.
 */
public final class LogoutTokens {

    /** The {@code events} member that makes a JWT a logout token. */
    public static final String EVENT = "http://schemas.openid.net/event/backchannel-logout";

    /** How old a logout token may be; it is for immediate delivery (the spec suggests two minutes). */
    public static final Duration MAX_AGE = Duration.ofMinutes(5);

    private static final Duration SKEW = IdTokens.MAX_CLOCK_SKEW;

    /** A logout token that passed every check: whose sign-ins end. {@code sid} or {@code sub} may be null. */
    public record Checked(String issuer, String sid, String sub, String jti, Instant issuedAt) {}

    private LogoutTokens() {}

    public static LogoutTokenValidator validator(String issuer, String clientId, Set<JWSAlgorithm> algs,
            JWKSource<SecurityContext> keys) {
        LogoutTokenValidator v = new LogoutTokenValidator(new Issuer(issuer), new ClientID(clientId), false,
                new JWSVerificationKeySelector<>(Set.copyOf(algs), keys), null);
        v.setMaxClockSkew((int) IdTokens.MAX_CLOCK_SKEW.toSeconds());
        return v;
    }

    static Checked check(LogoutTokenValidator validator, String token, Instant now) throws ProviderException {
        JWT jwt;
        try {
            jwt = JWTParser.parse(token);
        } catch (ParseException e) {
            throw invalid("not a JWT");
        }
        if (!(jwt instanceof SignedJWT signed)) {
            throw invalid("not signed (alg " + IdTokens.printable(String.valueOf(jwt.getHeader().getAlgorithm())) + ")");
        }
        JOSEObjectType typ = signed.getHeader().getType();
        if (typ != null && !typ.getType().equalsIgnoreCase("logout+jwt")
                && !typ.getType().equalsIgnoreCase("application/logout+jwt")) {
            // read before the signature is checked: anyone's text
            throw invalid("typ header is " + IdTokens.printable(typ.getType()) + ", not logout+jwt");
        }
        LogoutTokenClaimsSet claims;
        try {
            claims = validator.validate(signed);
        } catch (KeySourceException e) {
            throw new ProviderException("provider_unavailable", "provider keys unavailable: " + e.getClass().getSimpleName());
        } catch (BadJOSEException | JOSEException e) {
            throw invalid(e.getClass().getSimpleName() + ": " + IdTokens.printable(e.getMessage()));
        }
        JWTClaimsSet set;
        try {
            set = signed.getJWTClaimsSet();
        } catch (ParseException e) {
            throw invalid("unreadable claims");
        }
        Instant iat = set.getIssueTime() == null ? null : set.getIssueTime().toInstant();
        if (iat == null || iat.isAfter(now.plus(SKEW)) || iat.isBefore(now.minus(MAX_AGE))) {
            throw invalid("iat missing, in the future or older than " + MAX_AGE.toMinutes() + " minutes");
        }
        if (set.getJWTID() == null || set.getJWTID().isBlank()) {
            throw invalid("no jti");
        }
        Object events = set.getClaim("events");
        if (!(events instanceof Map<?, ?> m) || !(m.get(EVENT) instanceof Map<?, ?>)) {
            throw invalid("events has no back-channel logout member as a JSON object");
        }
        if (set.getClaim("nonce") != null) {
            throw invalid("nonce present");
        }
        String sid = claims.getSessionID() == null ? null : claims.getSessionID().getValue();
        String sub = claims.getSubject() == null ? null : claims.getSubject().getValue();
        if (sid == null && sub == null) {
            throw invalid("neither sid nor sub");
        }
        return new Checked(claims.getIssuer().getValue(), sid, sub, set.getJWTID(), iat);
    }

    private static ProviderException invalid(String why) {
        return new ProviderException("logout_token_invalid", why);
    }
}
