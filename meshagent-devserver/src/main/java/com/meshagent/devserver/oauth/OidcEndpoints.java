package com.meshagent.devserver.oauth;

import com.meshagent.devserver.http.ApiError;
import com.meshagent.devserver.http.Call;
import com.meshagent.devserver.http.Reply;
import com.meshagent.devserver.state.AccountsState;
import com.meshagent.devserver.state.OAuthClient;
import com.meshagent.devserver.state.User;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The OpenID Connect and RFC 7009 endpoints: discovery ({@code /.well-known/openid-configuration}, also
 * served as RFC 8414 {@code /.well-known/oauth-authorization-server}), JWKS, userinfo, revocation and
 * RP-initiated logout. MeshAgent itself publishes none of these (docs/meshagent-protocol.md §2.1, [U]); the
 * devserver offers them so the filter's OIDC mode can run against it.
 */
public record OidcEndpoints(AccountsState accounts, TokenService tokens, IdTokens idTokens, BackchannelLogout logout) {
    private static final Logger LOG = LoggerFactory.getLogger(OidcEndpoints.class);

    public Reply discovery(Call call) {
        String issuer = idTokens.issuer();
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("issuer", issuer);
        d.put("authorization_endpoint", issuer + "/oauth/authorize");
        d.put("token_endpoint", issuer + "/oauth/token");
        d.put("userinfo_endpoint", issuer + "/oauth/userinfo");
        d.put("jwks_uri", issuer + "/.well-known/jwks.json");
        d.put("revocation_endpoint", issuer + "/oauth/revoke");
        d.put("end_session_endpoint", issuer + "/oauth/end-session");
        d.put("response_types_supported", List.of("code"));
        d.put("response_modes_supported", List.of("query"));
        d.put("grant_types_supported", List.of("authorization_code", "refresh_token"));
        d.put("subject_types_supported", List.of("public"));
        d.put("id_token_signing_alg_values_supported", List.of("RS256"));
        d.put("code_challenge_methods_supported", List.of("S256"));
        d.put("token_endpoint_auth_methods_supported", List.of("client_secret_post", "client_secret_basic", "none"));
        d.put("revocation_endpoint_auth_methods_supported",
                List.of("client_secret_post", "client_secret_basic", "none"));
        d.put("scopes_supported", Scopes.parse(Scopes.BOOTSTRAP));
        d.put("claims_supported", List.of("sub", "iss", "aud", "exp", "iat", "auth_time", "nonce", "at_hash", "email",
                "email_verified", "name", "given_name", "family_name", "sid"));
        d.put("backchannel_logout_supported", true);
        d.put("backchannel_logout_session_supported", true);
        d.put("authorization_response_iss_parameter_supported", true);
        return Reply.ok(d);
    }

    /** {@code GET /}: a page for a developer who opens the server in a browser (no secrets on it). */
    public Reply home(Call call) {
        String[][] rows = {
            {"/.well-known/openid-configuration", "OpenID Connect discovery"},
            {"/oauth/authorize", "sign-in page (needs an authorization request from an app)"},
            {"/oauth/token", "token endpoint"},
            {"/accounts/profiles/me", "the signed-in user (Bearer access token)"},
            {"/accounts/projects/" + accounts.snapshot().projectId() + "/oauth/clients", "OAuth clients (Bearer API key)"},
            {"/rooms/{room}", "room websocket (participant token)"},
            {"/openai/v1/chat/completions", "LLM proxy stand-in"}};
        StringBuilder list = new StringBuilder("<ul>");
        for (String[] r : rows) {
            list.append("<li><code>").append(Html.escape(r[0])).append("</code>: ").append(Html.escape(r[1]))
                    .append("</li>");
        }
        list.append("</ul>");
        return Reply.html(200, Html.page("MeshAgent devserver", "<h1>MeshAgent devserver</h1><p>A local MeshAgent "
                + "for development and tests. Project <code>" + Html.escape(accounts.snapshot().projectId())
                + "</code>; its API key and OAuth client were printed when the server started.</p>" + list));
    }

    public Reply jwks(Call call) {
        return Reply.ok(idTokens.publicJwks().toJSONObject(true));
    }

    /** OIDC Core §5.3: Bearer token in the header only (never a query parameter), needs {@code openid}. */
    public Reply userinfo(Call call) {
        Optional<String> bearer = call.bearer();
        if (bearer.isEmpty()) {
            return bearerError(401, "invalid_request", "send the access token in an Authorization: Bearer header");
        }
        Optional<TokenService.AccessGrant> grant = tokens.access(bearer.get());
        User user = grant.map(g -> accounts.snapshot().users().get(g.userId())).orElse(null);
        if (grant.isEmpty() || user == null || !accounts.snapshot().clients().containsKey(grant.get().clientId())) {
            return bearerError(401, "invalid_token", "the access token is unknown or expired");
        }
        if (!grant.get().scopes().contains("openid")) {
            return bearerError(403, "insufficient_scope", "userinfo needs the openid scope");
        }
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("sub", user.id());
        claims.put("email", user.email());
        claims.put("email_verified", true);
        claims.put("name", user.displayName());
        if (user.firstName() != null) {
            claims.put("given_name", user.firstName());
        }
        if (user.lastName() != null) {
            claims.put("family_name", user.lastName());
        }
        return Reply.noStore(200, claims);
    }

    private static Reply bearerError(int status, String code, String description) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("WWW-Authenticate", "Bearer error=\"" + code + "\", error_description=\"" + description + "\"");
        headers.put("Cache-Control", "no-store");
        return new Reply.Json(status, Map.of("error", code, "error_description", description), headers);
    }

    /** RFC 7009: the client authenticates; unknown tokens and other clients' tokens are answered 200 too. */
    public Reply revoke(Call call) throws Exception {
        Map<String, List<String>> params = call.formOrJsonParams();
        OAuthClient client = ClientAuth.authenticate(call, params, accounts);
        String token = ClientAuth.single(params, "token");
        if (token == null) {
            throw new ApiError(400, "invalid_request", "token is required");
        }
        tokens.revoke(token, client.clientId());
        LOG.info("revocation request from client {}", client.clientId());
        return new Reply.Empty(200, Map.of("Cache-Control", "no-store"));
    }

    /**
     * RP-initiated logout (OIDC RP-Initiated Logout 1.0). The devserver keeps no browser session, so the
     * {@code id_token_hint} says who signs out: every provider-side sign-in of its subject ends, the user's
     * tokens are revoked, and each client with a back-channel logout URI that the user signed in to gets a
     * logout token ({@link BackchannelLogout}). Without a hint nothing is ended. A
     * {@code post_logout_redirect_uri} must be a registered redirect URI of the client or share its
     * origin (scheme, host, port) with one; anything else gets an error page, never a redirect.
     */
    public Reply endSession(Call call) throws Exception {
        Map<String, List<String>> params = call.method().equals("POST") ? call.formOrJsonParams() : call.query();
        String hint = ClientAuth.single(params, "id_token_hint");
        String clientId = ClientAuth.single(params, "client_id");
        String target = ClientAuth.single(params, "post_logout_redirect_uri");
        String state = ClientAuth.single(params, "state");
        if (hint != null) {
            Optional<JWTClaimsSet> claims = verifiedHint(hint);
            if (claims.isEmpty()) {
                return Reply.html(400, Html.errorPage("The id_token_hint was not issued by this server."));
            }
            String aud = claims.get().getAudience().get(0);
            if (clientId != null && !clientId.equals(aud)) {
                return Reply.html(400, Html.errorPage("client_id does not match the id_token_hint."));
            }
            clientId = aud;
            if (claims.get().getSubject() != null) {
                logout.endSignIns(claims.get().getSubject());
            }
        }
        if (target == null) {
            return Reply.html(200, Html.page("Signed out", "<h1>Signed out</h1><p>You can close this window.</p>"));
        }
        OAuthClient client = clientId == null ? null : accounts.snapshot().clients().get(clientId);
        if (client == null || !allowedAfterLogout(client, target)) {
            LOG.info("end-session refused an unregistered post_logout_redirect_uri");
            return Reply.html(400, Html.errorPage(
                    "The post_logout_redirect_uri is not registered for this client, so the devserver will not redirect to it."));
        }
        String location = target;
        if (state != null) {
            location += (target.indexOf('?') >= 0 ? "&" : "?") + "state="
                    + URLEncoder.encode(state, StandardCharsets.UTF_8);
        }
        return Reply.redirect(location);
    }

    /** The claims of an ID token this server signed for exactly one audience (expired ones too), if it is one. */
    private Optional<JWTClaimsSet> verifiedHint(String idToken) {
        try {
            SignedJWT jwt = SignedJWT.parse(idToken);
            RSAKey key = idTokens.publicJwks().getKeys().get(0).toRSAKey();
            if (!JWSAlgorithm.RS256.equals(jwt.getHeader().getAlgorithm()) || !jwt.verify(new RSASSAVerifier(key))
                    || !idTokens.issuer().equals(jwt.getJWTClaimsSet().getIssuer())) {
                return Optional.empty();
            }
            List<String> aud = jwt.getJWTClaimsSet().getAudience();
            return aud == null || aud.size() != 1 ? Optional.empty() : Optional.of(jwt.getJWTClaimsSet());
        } catch (ParseException | JOSEException | RuntimeException e) {
            return Optional.empty();
        }
    }

    static boolean allowedAfterLogout(OAuthClient client, String target) {
        if (client.redirectUris().contains(target)) {
            return true;
        }
        Optional<String> origin = origin(target);
        return origin.isPresent() && client.redirectUris().stream().map(OidcEndpoints::origin)
                .anyMatch(o -> o.equals(origin));
    }

    private static Optional<String> origin(String uri) {
        try {
            URI u = new URI(uri);
            if (u.getScheme() == null || u.getHost() == null || u.getRawFragment() != null || u.getRawUserInfo() != null) {
                return Optional.empty();
            }
            String scheme = u.getScheme().toLowerCase(java.util.Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https")) {
                return Optional.empty();
            }
            int port = u.getPort() != -1 ? u.getPort() : scheme.equals("https") ? 443 : 80;
            return Optional.of(scheme + "://" + u.getHost().toLowerCase(java.util.Locale.ROOT) + ":" + port);
        } catch (java.net.URISyntaxException e) {
            return Optional.empty();
        }
    }
}
