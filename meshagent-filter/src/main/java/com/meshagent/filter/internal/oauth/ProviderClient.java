package com.meshagent.filter.internal.oauth;

import com.meshagent.filter.MeshAgentConfig;
import com.meshagent.filter.MeshAgentUser;
import com.meshagent.filter.internal.http.BoundedHttpClient;
import com.meshagent.filter.internal.json.Json;
import com.meshagent.filter.internal.log.Log;
import com.meshagent.filter.internal.session.PendingSignIn;
import com.meshagent.filter.internal.session.TokenSet;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.AuthorizationGrant;
import com.nimbusds.oauth2.sdk.AuthorizationRequest;
import com.nimbusds.oauth2.sdk.ErrorObject;
import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.RefreshTokenGrant;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenErrorResponse;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.TokenRevocationRequest;
import com.nimbusds.oauth2.sdk.auth.ClientAuthentication;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.ClientSecretPost;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.oauth2.sdk.token.AccessToken;
import com.nimbusds.oauth2.sdk.token.BearerAccessToken;
import com.nimbusds.oauth2.sdk.token.RefreshToken;
import com.nimbusds.oauth2.sdk.token.Tokens;
import com.nimbusds.openid.connect.sdk.LogoutRequest;
import com.nimbusds.openid.connect.sdk.Nonce;
import com.nimbusds.openid.connect.sdk.UserInfoRequest;
import com.nimbusds.openid.connect.sdk.UserInfoResponse;
import com.nimbusds.openid.connect.sdk.claims.IDTokenClaimsSet;
import com.nimbusds.openid.connect.sdk.claims.UserInfo;
import com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Talks to the provider, in either mode (docs/design.md §2): builds authorization requests (PKCE S256, fresh
 * state, nonce with {@code openid}), exchanges codes, learns who signed in, refreshes and revokes tokens.
 * The only class that touches Nimbus OAuth types; everything it returns is our own.
 *
 * <p>MeshAgent mode has no discovery document (docs/meshagent-protocol.md §2.1): its endpoints are fixed paths
 * under the API URL, see {@link MeshAgentEndpoints}. OIDC mode reads them from discovery, once, and
 * refuses metadata whose issuer is not exactly the configured one.
 */
public final class ProviderClient {

    private static final Log LOG = Log.of(ProviderClient.class);

    private final MeshAgentConfig config;
    private final Clock clock;
    private final BoundedHttpClient http;
    private final BoundedHttpSender sender;
    private final ClientID clientId;
    private final String providerId;
    private static final java.time.Duration DISCOVERY_RETRY = java.time.Duration.ofSeconds(5);

    private volatile Endpoints endpoints;
    private Instant lastDiscoveryFailure;

    /** What the provider offers, resolved once. {@code idTokens} and the optional URIs are null when absent. */
    private record Endpoints(URI authorize, URI token, URI userInfo, URI revocation, URI endSession,
            boolean issParameter, IdTokens idTokens) {}

    public ProviderClient(MeshAgentConfig config) {
        this.config = config;
        this.clock = config.clock();
        this.http = new BoundedHttpClient(config.httpLimits());
        this.sender = new BoundedHttpSender(http);
        this.clientId = new ClientID(config.clientId());
        this.providerId = config.issuer().map(URI::toString).orElse(MeshAgentEndpoints.base(config.apiUrl()));
        if (!config.oidcMode()) {
            URI api = config.apiUrl();
            this.endpoints = new Endpoints(MeshAgentEndpoints.authorize(api), MeshAgentEndpoints.token(api),
                    null, null, null, false, null);
        }
    }

    /** Who vouches for users: the OIDC issuer or the MeshAgent API URL. Part of every user's key. */
    public String providerId() {
        return providerId;
    }

    /** A new pending sign-in and the URL of the provider's authorization endpoint to send the browser to. */
    public record Start(PendingSignIn pending, URI authorizationUri) {}

    /** Starts a sign-in that will come back to {@code returnTo}. */
    public Start start(String returnTo) throws ProviderException {
        Endpoints e = endpoints();
        State state = new State(32);
        CodeVerifier verifier = new CodeVerifier();
        Scope scope = new Scope(config.scopes().toArray(new String[0]));
        Nonce nonce = scope.contains("openid") ? new Nonce(32) : null;
        AuthorizationRequest.Builder b = new AuthorizationRequest.Builder(ResponseType.CODE, clientId)
                .endpointURI(e.authorize())
                .redirectionURI(config.redirectUri())
                .scope(scope)
                .state(state)
                .codeChallenge(verifier, CodeChallengeMethod.S256);
        if (nonce != null) {
            b.customParameter("nonce", nonce.getValue());
        }
        PendingSignIn pending = new PendingSignIn(state.getValue(), verifier.getValue(),
                nonce == null ? null : nonce.getValue(), providerId, returnTo, clock.instant());
        return new Start(pending, b.build().toURI());
    }

    /**
     * Checks the callback's RFC 9207 {@code iss}: it must equal the issuer exactly when present, and must be
     * present when the provider advertises it. Empty when fine, else the reason code.
     */
    public Optional<String> checkIssuerParameter(Callback callback) {
        if (!config.oidcMode()) {
            return Optional.empty();
        }
        Endpoints e = endpoints;
        if (callback.iss() != null) {
            return callback.iss().equals(providerId) ? Optional.empty() : Optional.of("issuer_mismatch");
        }
        return e != null && e.issParameter() ? Optional.of("issuer_missing") : Optional.empty();
    }

    /** Exchanges the callback's code (with the pending flow's verifier) and establishes who signed in. */
    public SignInResult complete(PendingSignIn pending, String code) {
        Endpoints e;
        try {
            e = endpoints();
        } catch (ProviderException ex) {
            return new SignInResult.Failure(true, ex.reason(), ex.getMessage());
        }
        AuthorizationGrant grant = new AuthorizationCodeGrant(new AuthorizationCode(code), config.redirectUri(),
                new CodeVerifier(pending.codeVerifier()));
        Instant receivedAt;
        TokenResponse response;
        Map<String, Object> body;
        try {
            HTTPResponse http = send(tokenRequest(e, grant).toHTTPRequest());
            receivedAt = clock.instant();
            if (http.getStatusCode() >= 500) {
                return new SignInResult.Failure(true, "provider_unavailable", "token endpoint answered " + http.getStatusCode());
            }
            response = TokenResponse.parse(http);
            body = response.indicatesSuccess() ? Json.parseObject(http.getBody()) : null;
        } catch (IOException ex) {
            return new SignInResult.Failure(true, "provider_unavailable", "token request failed: " + ex.getMessage());
        } catch (ParseException | IllegalArgumentException ex) {
            return new SignInResult.Failure(false, "token_response_invalid", "unreadable token response");
        }
        if (!response.indicatesSuccess()) {
            ErrorObject err = ((TokenErrorResponse) response).getErrorObject();
            return new SignInResult.Failure(false, "token_request_rejected",
                    "token endpoint refused the code: " + (err == null ? "?" : err.getCode()));
        }
        Tokens tokens = response.toSuccessResponse().getTokens();
        TokenSet set = tokenSet(tokens, body, receivedAt, null);
        if (set == null) {
            return new SignInResult.Failure(false, "token_response_invalid", "token response has an unusable expires_in");
        }
        if (config.oidcMode()) {
            return oidcIdentity(e, pending, body.get("id_token"), set);
        }
        return meshAgentIdentity(set);
    }

    /** One refresh-token grant for {@code current}; never throws. */
    public RefreshResult refresh(TokenSet current) {
        if (current.refreshToken() == null) {
            return new RefreshResult.Rejected("no_refresh_token");
        }
        try {
            Endpoints e = endpoints();
            HTTPResponse http = send(tokenRequest(e, new RefreshTokenGrant(new RefreshToken(current.refreshToken())))
                    .toHTTPRequest());
            Instant receivedAt = clock.instant();
            if (http.getStatusCode() >= 500) {
                return new RefreshResult.Unavailable("token endpoint answered " + http.getStatusCode());
            }
            TokenResponse response = TokenResponse.parse(http);
            if (!response.indicatesSuccess()) {
                ErrorObject err = ((TokenErrorResponse) response).getErrorObject();
                String code = err == null || err.getCode() == null ? "unknown" : err.getCode();
                if (code.equals("invalid_grant") || code.equals("invalid_client") || code.equals("unauthorized_client")) {
                    return new RefreshResult.Rejected(code);
                }
                return new RefreshResult.Unavailable("refresh refused with " + code + " (" + http.getStatusCode() + ")");
            }
            Map<String, Object> body = Json.parseObject(http.getBody());
            TokenSet fresh = tokenSet(response.toSuccessResponse().getTokens(), body, receivedAt, current);
            if (fresh == null) {
                return new RefreshResult.Unavailable("refresh response has an unusable expires_in");
            }
            if (config.oidcMode() && body.get("id_token") != null) {
                return checkRefreshedIdToken(e, body.get("id_token"), fresh);
            }
            return new RefreshResult.Refreshed(fresh);
        } catch (ProviderException ex) {
            return new RefreshResult.Unavailable(ex.getMessage());
        } catch (IOException ex) {
            return new RefreshResult.Unavailable("refresh failed: " + ex.getMessage());
        } catch (ParseException | IllegalArgumentException ex) {
            return new RefreshResult.Unavailable("unreadable refresh response");
        }
    }

    /** Revokes the refresh token (RFC 7009) when the provider advertises a revocation endpoint; best effort. */
    public void revoke(TokenSet tokens) {
        Endpoints e = endpoints;
        if (e == null || e.revocation() == null || tokens.refreshToken() == null) {
            return;
        }
        RefreshToken token = new RefreshToken(tokens.refreshToken());
        ClientAuthentication auth = clientAuthentication();
        TokenRevocationRequest req = auth != null
                ? new TokenRevocationRequest(e.revocation(), auth, token)
                : new TokenRevocationRequest(e.revocation(), clientId, token);
        try {
            HTTPResponse http = send(req.toHTTPRequest());
            if (!http.indicatesSuccess()) {
                LOG.warn("token revocation answered HTTP {}", http.getStatusCode());
            }
        } catch (IOException ex) {
            LOG.warn("token revocation failed: {}", ex.getMessage());
        }
    }

    /**
     * Where to send the browser to end the provider session (OIDC RP-initiated logout), when advertised.
     * Carries {@code client_id} and {@code post_logout_redirect_uri} but no {@code id_token_hint}: tokens
     * never go into URLs we build.
     */
    public Optional<URI> endSessionUri(URI postLogoutRedirect) {
        Endpoints e = endpoints;
        if (e == null || e.endSession() == null) {
            return Optional.empty();
        }
        LogoutRequest req = new LogoutRequest(e.endSession(), null, null, clientId, postLogoutRedirect, new State(), null);
        return Optional.of(req.toURI());
    }

    private SignInResult meshAgentIdentity(TokenSet set) {
        HTTPRequest req = new HTTPRequest(HTTPRequest.Method.GET, MeshAgentEndpoints.profile(config.apiUrl()));
        req.setAuthorization(new BearerAccessToken(set.accessToken()).toAuthorizationHeader());
        req.setAccept("application/json");
        try {
            HTTPResponse http = send(req);
            if (http.getStatusCode() >= 500) {
                return new SignInResult.Failure(true, "provider_unavailable", "profile answered " + http.getStatusCode());
            }
            if (http.getStatusCode() != 200) {
                return new SignInResult.Failure(false, "profile_rejected", "profile answered " + http.getStatusCode());
            }
            Map<String, Object> json = Json.parseObject(http.getBody());
            String id = Json.string(json, "id");
            if (id == null || id.isBlank()) {
                return new SignInResult.Failure(false, "profile_invalid", "profile has no id");
            }
            String email = Json.string(json, "email");
            String name = joinName(Json.string(json, "first_name"), Json.string(json, "last_name"));
            return new SignInResult.Success(new MeshAgentUser(providerId, id, email, name,
                    MeshAgentEndpoints.PROFILE_EMAIL_VERIFIED), set);
        } catch (IOException ex) {
            return new SignInResult.Failure(true, "provider_unavailable", "profile request failed: " + ex.getMessage());
        } catch (IllegalArgumentException ex) {
            return new SignInResult.Failure(false, "profile_invalid", "unreadable profile response");
        }
    }

    /** A refresh answer's ID token must pass every sign-in rule but the nonce and name the same sign-in (OIDC Core §12.2). */
    private RefreshResult checkRefreshedIdToken(Endpoints e, Object idToken, TokenSet fresh) {
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

    private SignInResult oidcIdentity(Endpoints e, PendingSignIn pending, Object idTokenValue, TokenSet tokens) {
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
                HTTPResponse http = send(new UserInfoRequest(e.userInfo(), new BearerAccessToken(set.accessToken()))
                        .toHTTPRequest());
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
        return new SignInResult.Success(new MeshAgentUser(providerId, sub, email.address(), name, email.verified()), set);
    }

    private TokenRequest tokenRequest(Endpoints e, AuthorizationGrant grant) {
        ClientAuthentication auth = clientAuthentication();
        return auth != null
                ? new TokenRequest.Builder(e.token(), auth, grant).build()
                : new TokenRequest.Builder(e.token(), clientId, grant).build();
    }

    private ClientAuthentication clientAuthentication() {
        return config.clientSecret().<ClientAuthentication>map(s -> config.clientAuthMethod()
                == MeshAgentConfig.ClientAuthMethod.BASIC
                ? new ClientSecretBasic(clientId, new Secret(s))
                : new ClientSecretPost(clientId, new Secret(s))).orElse(null);
    }

    /** Our tokens from a successful token response; null when its {@code expires_in} is refused by {@link ProviderSeconds}. */
    private TokenSet tokenSet(Tokens tokens, Map<String, Object> body, Instant receivedAt, TokenSet previous) {
        AccessToken at = tokens.getAccessToken();
        // expiry is counted from receipt, never from the provider's idea of time
        Instant expiresAt = ProviderSeconds.expiresAt(receivedAt, body.get("expires_in"), config.defaultTokenLifetime())
                .orElse(null);
        if (expiresAt == null) {
            return null;
        }
        String refresh = tokens.getRefreshToken() == null ? null : tokens.getRefreshToken().getValue();
        String scope = at.getScope() == null ? null : at.getScope().toString();
        if (previous != null) {
            return previous.refreshedWith(at.getValue(), refresh, expiresAt, scope);
        }
        return new TokenSet(at.getValue(), refresh, expiresAt, scope);
    }

    /** Timeouts and the size cap are the sender's own (set from the config once); Nimbus's per-request ones are not used. */
    private HTTPResponse send(HTTPRequest request) throws IOException {
        return sender.send(request);
    }

    private Endpoints endpoints() throws ProviderException {
        Endpoints e = endpoints;
        if (e != null) {
            return e;
        }
        synchronized (this) {
            if (endpoints != null) {
                return endpoints;
            }
            Instant failed = lastDiscoveryFailure;
            if (failed != null && clock.instant().isBefore(failed.plus(DISCOVERY_RETRY))) {
                // a provider that is down is not asked again by every request: fail fast for a few seconds
                throw new ProviderException("provider_unavailable", "discovery failed recently; retrying after "
                        + DISCOVERY_RETRY.toSeconds() + " s");
            }
            try {
                endpoints = discover();
                lastDiscoveryFailure = null;
                return endpoints;
            } catch (ProviderException down) {
                lastDiscoveryFailure = clock.instant();
                throw down;
            }
        }
    }

    private Endpoints discover() throws ProviderException {
        URI issuer = config.issuer().orElseThrow();
        String base = issuer.toString().endsWith("/") ? issuer.toString() : issuer + "/";
        URI discovery = URI.create(base + ".well-known/openid-configuration");
        OIDCProviderMetadata md;
        try {
            HTTPResponse http = send(new HTTPRequest(HTTPRequest.Method.GET, discovery));
            if (http.getStatusCode() != 200) {
                throw new ProviderException("provider_unavailable", "discovery answered HTTP " + http.getStatusCode());
            }
            md = OIDCProviderMetadata.parse(http.getBody());
        } catch (IOException ex) {
            throw new ProviderException("provider_unavailable", "discovery failed: " + ex.getMessage());
        } catch (ParseException ex) {
            throw new ProviderException("provider_metadata_invalid", "unreadable discovery document");
        }
        if (!issuer.toString().equals(md.getIssuer().getValue())) {
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
                    jwkSetRetriever(http)).build();
        } catch (IOException ex) {
            throw new ProviderException("provider_metadata_invalid", "bad jwks_uri");
        }
        IdTokens idTokens = new IdTokens(issuer.toString(), config.clientId(), algs, jwks, clock, config.idTokenMaxAge());
        LOG.info("OIDC provider {} resolved (ID token algorithms {})", issuer, algs);
        return new Endpoints(md.getAuthorizationEndpointURI(), md.getTokenEndpointURI(), md.getUserInfoEndpointURI(),
                md.getRevocationEndpointURI(), md.getEndSessionEndpointURI(),
                md.supportsAuthorizationResponseIssuerParam(), idTokens);
    }

    /** How Nimbus fetches the provider's JWK set: through {@code http}, under its limits. */
    public static com.nimbusds.jose.util.ResourceRetriever jwkSetRetriever(BoundedHttpClient http) {
        return new BoundedResourceRetriever(http);
    }

    private static String joinName(String first, String last) {
        String s = ((first == null ? "" : first) + " " + (last == null ? "" : last)).trim();
        return s.isEmpty() ? null : s;
    }
}
