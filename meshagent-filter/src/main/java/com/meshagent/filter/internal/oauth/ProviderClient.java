package com.meshagent.filter.internal.oauth;

import com.meshagent.filter.HttpLimits;
import com.meshagent.filter.MeshAgentConfig;
import com.meshagent.filter.internal.http.BoundedHttpClient;
import com.meshagent.filter.internal.json.Json;
import com.meshagent.filter.internal.log.Log;
import com.meshagent.filter.internal.metrics.Metrics;
import com.meshagent.filter.internal.session.PendingSignIn;
import com.meshagent.filter.internal.session.TokenSet;
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
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.oauth2.sdk.token.AccessToken;
import com.nimbusds.oauth2.sdk.token.RefreshToken;
import com.nimbusds.oauth2.sdk.token.Tokens;
import com.nimbusds.openid.connect.sdk.LogoutRequest;
import com.nimbusds.openid.connect.sdk.Nonce;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The OAuth grant, the same in every mode (docs/design.md §2): builds authorization requests (PKCE S256, fresh
 * state, nonce with {@code openid}), exchanges codes, refreshes and revokes tokens, builds the logout URL.
 * What differs between modes (endpoints, {@code iss} check, who signed in, refresh checks) is a
 * {@link ProviderMode}: {@link MeshAgentProvider} or {@link OidcProvider}. Everything it returns is our own type.
 */
public final class ProviderClient implements CodeExchange {

    private static final Log LOG = Log.of(ProviderClient.class);

    /**
     * What the grant needs from the configuration: the client, the provider ({@code issuer} present: OIDC mode,
     * else MeshAgent mode at {@code apiUrl}) and the limits of every outbound call.
     */
    public record Settings(String clientId, Optional<String> clientSecret,
            MeshAgentConfig.ClientAuthMethod clientAuthMethod, URI redirectUri, List<String> scopes,
            Duration defaultTokenLifetime, Clock clock, Optional<URI> issuer, URI apiUrl, Duration idTokenMaxAge,
            HttpLimits httpLimits) {
        public Settings {
            scopes = List.copyOf(scopes);
        }

        /** The settings of {@code config}. */
        public static Settings of(MeshAgentConfig config) {
            return new Settings(config.clientId(), config.clientSecret(), config.clientAuthMethod(), config.redirectUri(),
                    config.scopes(), config.defaultTokenLifetime(), config.clock(), config.issuer(), config.apiUrl(),
                    config.idTokenMaxAge(), config.httpLimits());
        }
    }

    private final Settings settings;
    private final Clock clock;
    private final ProviderRequests requests;
    private final ClientID clientId;
    private final ProviderMode mode;

    /** A client with these settings, timing its outbound calls in {@code metrics}. */
    public ProviderClient(Settings settings, Metrics metrics) {
        this.settings = settings;
        this.clock = settings.clock();
        BoundedHttpClient http = new BoundedHttpClient(settings.httpLimits());
        this.requests = new ProviderRequests(new BoundedHttpSender(http), metrics);
        this.clientId = new ClientID(settings.clientId());
        // the one place the mode is chosen; each mode is its own class
        this.mode = settings.issuer().<ProviderMode>map(issuer -> new OidcProvider(
                new OidcProvider.Settings(issuer, settings.clientId(), settings.idTokenMaxAge(), clock), http, requests))
                .orElseGet(() -> new MeshAgentProvider(settings.apiUrl(), requests));
    }

    /** Who vouches for users: the OIDC issuer or the MeshAgent API URL. Part of every user's key. */
    @Override
    public String providerId() {
        return mode.providerId();
    }

    /** A new pending sign-in and the URL of the provider's authorization endpoint to send the browser to. */
    public record Start(PendingSignIn pending, URI authorizationUri) {}

    /** Starts a sign-in that will come back to {@code returnTo}. */
    public Start start(String returnTo) throws ProviderException {
        ProviderEndpoints e = mode.endpoints();
        State state = new State(32);
        CodeVerifier verifier = new CodeVerifier();
        Scope scope = new Scope(settings.scopes().toArray(new String[0]));
        Nonce nonce = scope.contains("openid") ? new Nonce(32) : null;
        AuthorizationRequest.Builder b = new AuthorizationRequest.Builder(ResponseType.CODE, clientId)
                .endpointURI(e.authorize())
                .redirectionURI(settings.redirectUri())
                .scope(scope)
                .state(state)
                .codeChallenge(verifier, CodeChallengeMethod.S256);
        if (nonce != null) {
            b.customParameter("nonce", nonce.getValue());
        }
        PendingSignIn pending = new PendingSignIn(state.getValue(), verifier.getValue(),
                nonce == null ? null : nonce.getValue(), mode.providerId(), returnTo, clock.instant());
        return new Start(pending, b.build().toURI());
    }

    /**
     * Checks the callback's RFC 9207 {@code iss}: it must equal the issuer exactly when present, and must be
     * present when the provider advertises it. Empty when fine, else the reason code.
     */
    @Override
    public Optional<String> checkIssuerParameter(Callback callback) {
        return mode.checkIssuerParameter(callback.iss());
    }

    /** Exchanges the callback's code (with the pending flow's verifier) and establishes who signed in. */
    @Override
    public SignInResult complete(PendingSignIn pending, String code) {
        ProviderEndpoints e;
        try {
            e = mode.endpoints();
        } catch (ProviderException ex) {
            return new SignInResult.Failure(true, ex.reason(), ex.getMessage());
        }
        AuthorizationGrant grant = new AuthorizationCodeGrant(new AuthorizationCode(code), settings.redirectUri(),
                new CodeVerifier(pending.codeVerifier()));
        Instant receivedAt;
        TokenResponse response;
        Map<String, Object> body;
        try {
            HTTPResponse http = requests.send(Metrics.ENDPOINT_TOKEN, tokenRequest(e, grant).toHTTPRequest());
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
        return mode.identify(e, pending, body, set);
    }

    /** One refresh-token grant for {@code current}; never throws. */
    public RefreshResult refresh(TokenSet current) {
        if (current.refreshToken() == null) {
            return new RefreshResult.Rejected("no_refresh_token");
        }
        try {
            ProviderEndpoints e = mode.endpoints();
            HTTPResponse http = requests.send(Metrics.ENDPOINT_TOKEN,
                    tokenRequest(e, new RefreshTokenGrant(new RefreshToken(current.refreshToken()))).toHTTPRequest());
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
            return mode.refreshed(e, body, fresh);
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
        ProviderEndpoints e = mode.knownEndpoints();
        if (e == null || e.revocation() == null || tokens.refreshToken() == null) {
            return;
        }
        RefreshToken token = new RefreshToken(tokens.refreshToken());
        ClientAuthentication auth = clientAuthentication();
        TokenRevocationRequest req = auth != null
                ? new TokenRevocationRequest(e.revocation(), auth, token)
                : new TokenRevocationRequest(e.revocation(), clientId, token);
        try {
            HTTPResponse http = requests.send(Metrics.ENDPOINT_REVOCATION, req.toHTTPRequest());
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
        ProviderEndpoints e = mode.knownEndpoints();
        if (e == null || e.endSession() == null) {
            return Optional.empty();
        }
        LogoutRequest req = new LogoutRequest(e.endSession(), null, null, clientId, postLogoutRedirect, new State(), null);
        return Optional.of(req.toURI());
    }

    private TokenRequest tokenRequest(ProviderEndpoints e, AuthorizationGrant grant) {
        ClientAuthentication auth = clientAuthentication();
        return auth != null
                ? new TokenRequest.Builder(e.token(), auth, grant).build()
                : new TokenRequest.Builder(e.token(), clientId, grant).build();
    }

    private ClientAuthentication clientAuthentication() {
        return settings.clientSecret().<ClientAuthentication>map(s -> settings.clientAuthMethod()
                == MeshAgentConfig.ClientAuthMethod.BASIC
                ? new ClientSecretBasic(clientId, new Secret(s))
                : new ClientSecretPost(clientId, new Secret(s))).orElse(null);
    }

    /** Our tokens from a successful token response; null when its {@code expires_in} is refused by {@link ProviderSeconds}. */
    private TokenSet tokenSet(Tokens tokens, Map<String, Object> body, Instant receivedAt, TokenSet previous) {
        AccessToken at = tokens.getAccessToken();
        // expiry is counted from receipt, never from the provider's idea of time
        Instant expiresAt = ProviderSeconds.expiresAt(receivedAt, body.get("expires_in"), settings.defaultTokenLifetime())
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

    /**
     * The claims of a back-channel logout token after every check ({@link LogoutTokens}); OIDC mode only.
     *
     * @throws ProviderException {@code provider_unavailable} when discovery or the JWKS cannot be reached,
     *                           {@code logout_token_invalid} with a reason free of the token otherwise
     */
    public LogoutTokens.Checked logoutToken(String token) throws ProviderException {
        ProviderEndpoints e = mode.endpoints();
        if (e.logoutValidator() == null) {
            throw new ProviderException("logout_token_invalid", "back-channel logout needs OIDC mode");
        }
        return LogoutTokens.check(e.logoutValidator(), token, clock.instant());
    }
}
