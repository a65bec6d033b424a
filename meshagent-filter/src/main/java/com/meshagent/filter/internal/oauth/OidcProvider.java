package com.meshagent.filter.internal.oauth;

import com.meshagent.filter.MeshAgentUser;
import com.meshagent.filter.internal.http.BoundedHttpClient;
import com.meshagent.filter.internal.log.Log;
import com.meshagent.filter.internal.metrics.Metrics;
import com.meshagent.filter.internal.session.PendingSignIn;
import com.meshagent.filter.internal.session.TokenSet;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import com.nimbusds.oauth2.sdk.token.BearerAccessToken;
import com.nimbusds.openid.connect.sdk.UserInfoRequest;
import com.nimbusds.openid.connect.sdk.UserInfoResponse;
import com.nimbusds.openid.connect.sdk.claims.IDTokenClaimsSet;
import com.nimbusds.openid.connect.sdk.claims.UserInfo;
import com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * OIDC mode: the endpoints come from the issuer's discovery document, read once (and refused when its issuer
 * is not exactly the configured one); who signed in comes from the checked ID token and, when offered, userinfo;
 * a refresh answer carrying an ID token must name the same sign-in.
 */
final class OidcProvider implements ProviderMode {

    private static final Log LOG = Log.of(OidcProvider.class);
    private static final Duration DISCOVERY_RETRY = Duration.ofSeconds(5);

    /** The settings OIDC mode needs from the configuration. */
    record Settings(URI issuer, String clientId, Duration idTokenMaxAge, Clock clock) {}

    private final Settings settings;
    private final BoundedHttpClient http;
    private final ProviderRequests requests;

    private volatile ProviderEndpoints endpoints;
    private Instant lastDiscoveryFailure;

    OidcProvider(Settings settings, BoundedHttpClient http, ProviderRequests requests) {
        this.settings = settings;
        this.http = http;
        this.requests = requests;
    }

    @Override
    public String providerId() {
        return settings.issuer().toString();
    }

    @Override
    public ProviderEndpoints knownEndpoints() {
        return endpoints;
    }

    /** RFC 9207: {@code iss} must equal the issuer exactly when present, and be present when the provider says it sends it. */
    @Override
    public Optional<String> checkIssuerParameter(String iss) {
        ProviderEndpoints e = endpoints;
        if (iss != null) {
            return iss.equals(providerId()) ? Optional.empty() : Optional.of("issuer_mismatch");
        }
        return e != null && e.issParameter() ? Optional.of("issuer_missing") : Optional.empty();
    }

    @Override
    public SignInResult identify(ProviderEndpoints e, PendingSignIn pending, Map<String, Object> body, TokenSet tokens) {
        Object idTokenValue = body.get("id_token");
        if (idTokenValue == null) {
            return new SignInResult.Failure(false, "id_token_missing", "token response has no id_token");
        }
        if (pending.nonce() == null) {
            // fail closed: an ID token is only accepted for a sign-in that sent a nonce
            return new SignInResult.Failure(false, "nonce_missing", "pending sign-in has no nonce");
        }
        IDTokenClaimsSet claims;
        try {
            if (!(idTokenValue instanceof String idToken)) {
                throw IdTokens.notAString();
            }
            claims = e.idTokens().checkSignIn(idToken, tokens.accessToken(), pending.nonce());
        } catch (IdTokens.Refused r) {
            return new SignInResult.Failure(r.unavailable(), r.unavailable() ? "provider_unavailable" : "id_token_invalid",
                    "ID token refused (rule " + r.rule() + "): " + r.getMessage());
        }
        TokenSet set = tokens.withSignInIdToken(IdTokens.remember(claims, pending.nonce()));
        String sub = claims.getSubject().getValue();
        EmailClaims email = EmailClaims.of(claims.getStringClaim("email"), claims.getClaim("email_verified"));
        String name = claims.getStringClaim("name");
        if (e.userInfo() != null) {
            try {
                HTTPResponse http = requests.send(Metrics.ENDPOINT_USERINFO,
                        new UserInfoRequest(e.userInfo(), new BearerAccessToken(set.accessToken())).toHTTPRequest());
                if (http.getStatusCode() >= 500) {
                    return new SignInResult.Failure(true, "provider_unavailable", "userinfo answered " + http.getStatusCode());
                }
                UserInfoResponse uir = UserInfoResponse.parse(http);
                if (!uir.indicatesSuccess()) {
                    return new SignInResult.Failure(false, "userinfo_rejected", "userinfo refused the access token");
                }
                UserInfo info = uir.toSuccessResponse().getUserInfo();
                if (info.getSubject() == null || !sub.equals(info.getSubject().getValue())) {
                    return new SignInResult.Failure(false, "userinfo_subject_mismatch", "userinfo sub differs from ID token");
                }
                email = email.updatedBy(info.getEmailAddress(), info.getClaim("email_verified"));
                name = info.getName() != null ? info.getName() : name;
            } catch (IOException ex) {
                return new SignInResult.Failure(true, "provider_unavailable", "userinfo request failed: " + ex.getMessage());
            } catch (ParseException | RuntimeException ex) {
                return new SignInResult.Failure(false, "userinfo_invalid", "unreadable userinfo response");
            }
        }
        return new SignInResult.Success(new MeshAgentUser(providerId(), sub, email.address(), name, email.verified()), set,
                claims.getStringClaim("sid"));
    }

    /** A refresh answer's ID token must pass every sign-in rule but the nonce and name the same sign-in (OIDC Core §12.2). */
    @Override
    public RefreshResult refreshed(ProviderEndpoints e, Map<String, Object> body, TokenSet fresh) {
        Object idToken = body.get("id_token");
        if (idToken == null) {
            return new RefreshResult.Refreshed(fresh);
        }
        try {
            if (!(idToken instanceof String s)) {
                throw IdTokens.notAString();
            }
            e.idTokens().checkRefreshed(s, fresh.accessToken(), fresh.signInIdToken());
            return new RefreshResult.Refreshed(fresh);
        } catch (IdTokens.Refused r) {
            if (r.unavailable()) {
                return new RefreshResult.Unavailable("refreshed ID token not checked: " + r.getMessage());
            }
            LOG.warn("refreshed ID token refused (rule {}): {}", r.rule(), r.getMessage());
            return new RefreshResult.Rejected("id_token_invalid");
        }
    }

    @Override
    public ProviderEndpoints endpoints() throws ProviderException {
        ProviderEndpoints e = endpoints;
        if (e != null) {
            return e;
        }
        synchronized (this) {
            if (endpoints != null) {
                return endpoints;
            }
            Instant failed = lastDiscoveryFailure;
            if (failed != null && settings.clock().instant().isBefore(failed.plus(DISCOVERY_RETRY))) {
                // a provider that is down is not asked again by every request: fail fast for a few seconds
                throw new ProviderException("provider_unavailable", "discovery failed recently; retrying after "
                        + DISCOVERY_RETRY.toSeconds() + " s");
            }
            try {
                endpoints = discover();
                lastDiscoveryFailure = null;
                return endpoints;
            } catch (ProviderException down) {
                lastDiscoveryFailure = settings.clock().instant();
                throw down;
            }
        }
    }

    private ProviderEndpoints discover() throws ProviderException {
        String issuer = providerId();
        String base = issuer.endsWith("/") ? issuer : issuer + "/";
        URI discovery = URI.create(base + ".well-known/openid-configuration");
        OIDCProviderMetadata md;
        try {
            HTTPResponse http = requests.send(Metrics.ENDPOINT_DISCOVERY, new HTTPRequest(HTTPRequest.Method.GET, discovery));
            if (http.getStatusCode() != 200) {
                throw new ProviderException("provider_unavailable", "discovery answered HTTP " + http.getStatusCode());
            }
            md = OIDCProviderMetadata.parse(http.getBody());
        } catch (IOException ex) {
            throw new ProviderException("provider_unavailable", "discovery failed: " + ex.getMessage());
        } catch (ParseException ex) {
            throw new ProviderException("provider_metadata_invalid", "unreadable discovery document");
        }
        if (!issuer.equals(md.getIssuer().getValue())) {
            throw new ProviderException("provider_metadata_invalid", "discovery issuer " + md.getIssuer().getValue()
                    + " is not the configured issuer " + issuer);
        }
        Set<JWSAlgorithm> algs = IdTokens.acceptable(md.getIDTokenJWSAlgs());
        if (algs.isEmpty() || md.getJWKSetURI() == null) {
            throw new ProviderException("provider_metadata_invalid", "provider advertises no usable ID token algorithm or JWKS");
        }
        JWKSource<SecurityContext> jwks;
        try {
            jwks = JWKSourceBuilder.<SecurityContext>create(md.getJWKSetURI().toURL(),
                    new BoundedResourceRetriever(http)).build();
        } catch (IOException ex) {
            throw new ProviderException("provider_metadata_invalid", "bad jwks_uri");
        }
        IdTokens idTokens = new IdTokens(issuer, settings.clientId(), algs, jwks, settings.clock(), settings.idTokenMaxAge());
        LOG.info("OIDC provider {} resolved (ID token algorithms {})", issuer, algs);
        return new ProviderEndpoints(md.getAuthorizationEndpointURI(), md.getTokenEndpointURI(), md.getUserInfoEndpointURI(),
                md.getRevocationEndpointURI(), md.getEndSessionEndpointURI(),
                md.supportsAuthorizationResponseIssuerParam(), idTokens,
                LogoutTokens.validator(issuer, settings.clientId(), algs, jwks));
    }

}
