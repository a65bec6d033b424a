package com.meshagent.devserver.oauth;

import com.meshagent.devserver.protocol.InferredBehaviour;
import com.meshagent.devserver.http.Call;
import com.meshagent.devserver.http.Reply;
import com.meshagent.devserver.state.AccountsState;
import com.meshagent.devserver.state.OAuthClient;
import com.meshagent.devserver.state.User;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /oauth/authorize}: GET checks the authorization request and renders the sign-in form; POST is
 * the form's answer. The request is kept server-side under an opaque id (the form's only hidden
 * field), so nothing the browser posts back can change the client, redirect URI, scopes or PKCE
 * challenge.
 *
 * <p>Order of checks (RFC 6749 §4.1.2.1): an unknown client or an unregistered redirect URI gets an
 * error page, never a redirect; every later problem is redirected back with {@code error=}.
 */
public record AuthorizeEndpoint(AccountsState accounts, TokenService tokens, TokenKnobs knobs, String issuer) {
    private static final Logger LOG = LoggerFactory.getLogger(AuthorizeEndpoint.class);
    private static final List<String> SINGLE_VALUED = List.of("response_type", "client_id", "redirect_uri", "scope",
            "state", "code_challenge", "code_challenge_method", "nonce", "prompt");
    private static final int MAX_PARAM_LENGTH = 2048;

    public Reply get(Call call) {
        Map<String, List<String>> q = call.query();
        OAuthClient client = Optional.ofNullable(one(q, "client_id"))
                .map(id -> accounts.snapshot().clients().get(id)).orElse(null);
        if (client == null) {
            LOG.info("authorize refused: unknown or missing client_id");
            return Reply.html(400, Html.errorPage("Unknown client: the application's client_id is not registered."));
        }
        String redirectUri = one(q, "redirect_uri");
        if (redirectUri == null || !client.redirectUris().contains(redirectUri)
                || q.get("client_id").size() > 1 || q.get("redirect_uri").size() > 1) {
            LOG.info("authorize refused for client {}: redirect_uri missing, repeated or not registered",
                    client.clientId());
            return Reply.html(400, Html.errorPage(
                    "The redirect_uri is not registered for this client, so the devserver will not redirect to it."));
        }
        // From here on the redirect URI is trusted: every problem goes back to the client as error=.
        String state = one(q, "state");
        Back back = new Back(redirectUri, state != null && state.length() <= MAX_PARAM_LENGTH ? state : null);
        Optional<Reply> refused = refusal(q, client, back);
        if (refused.isPresent()) {
            return refused.get();
        }
        List<String> scopes = requestedScopes(q, client);
        TokenService.Pending pending = new TokenService.Pending(client.clientId(), redirectUri, scopes, back.state,
                one(q, "code_challenge"), one(q, "nonce"), tokens.now().plus(TokenService.PENDING_LIFETIME));
        String id = tokens.savePending(pending);
        return Reply.html(200, form(id, pending, null, "", ""));
    }

    /** The error redirect for an authorization request with a trusted redirect URI, if it is not acceptable. */
    private Optional<Reply> refusal(Map<String, List<String>> q, OAuthClient client, Back back) {
        for (String name : SINGLE_VALUED) {
            List<String> values = q.getOrDefault(name, List.of());
            if (values.size() > 1) {
                return Optional.of(back.error("invalid_request", "parameter " + name + " appears more than once"));
            }
            if (!values.isEmpty() && values.get(0).length() > MAX_PARAM_LENGTH) {
                return Optional.of(back.error("invalid_request", "parameter " + name + " is too long"));
            }
        }
        if (knobs.authorizeError() != null) {
            return Optional.of(back.error(knobs.authorizeError(), "forced by the devserver's authorizeError knob"));
        }
        if (!"code".equals(one(q, "response_type"))) {
            return Optional.of(back.error("unsupported_response_type", "only response_type=code is supported"));
        }
        if (!client.grantTypes().contains("authorization_code")) {
            return Optional.of(back.error("unauthorized_client", "this client may not use the authorization_code grant"));
        }
        List<String> scopes = requestedScopes(q, client);
        if (!scopes.stream().allMatch(Scopes::wellFormed) || !Scopes.allowed(scopes, client.scopes())) {
            return Optional.of(back.error("invalid_scope", "requested scope is not allowed for this client"));
        }
        String method = one(q, "code_challenge_method");
        if (one(q, "code_challenge") == null) {
            return Optional.of(back.error("invalid_request", "PKCE is required: send code_challenge with method S256"));
        }
        if (method != null && !method.equals(InferredBehaviour.DEFAULT_CODE_CHALLENGE_METHOD)) {
            return Optional.of(back.error("invalid_request", "code_challenge_method must be S256"));
        }
        if (!TokenService.Pkce.challengeWellFormed(one(q, "code_challenge"))) {
            return Optional.of(back.error("invalid_request", "code_challenge must be base64url(SHA-256(verifier))"));
        }
        return Optional.empty();
    }

    /** The requested scopes, or all of the client's when the request names none. */
    private static List<String> requestedScopes(Map<String, List<String>> q, OAuthClient client) {
        List<String> scopes = Scopes.parse(one(q, "scope"));
        return scopes.isEmpty() ? List.copyOf(client.scopes()) : scopes;
    }

    public Reply post(Call call) throws Exception {
        if (!call.mediaType().equals("application/x-www-form-urlencoded")) {
            return Reply.html(415, Html.errorPage("The sign-in form must be posted as a form."));
        }
        Map<String, List<String>> form = Call.parseForm(new String(call.body(), StandardCharsets.UTF_8));
        String id = one(form, "pending");
        Optional<TokenService.Pending> pending = tokens.pending(id);
        if (pending.isEmpty()) {
            return Reply.html(400, Html.errorPage("This sign-in request is unknown or has expired."));
        }
        TokenService.Pending p = pending.get();
        OAuthClient client = accounts.snapshot().clients().get(p.clientId());
        if (client == null || !client.redirectUris().contains(p.redirectUri())) {
            tokens.removePending(id);
            return Reply.html(400, Html.errorPage("The client of this sign-in request no longer exists."));
        }
        Back back = new Back(p.redirectUri(), p.state());
        if (form.containsKey("deny")) {
            tokens.removePending(id);
            LOG.info("authorize: user denied client {}", p.clientId());
            return back.error("access_denied", "the user denied the request");
        }
        String email = Optional.ofNullable(one(form, "email")).orElse("").trim();
        String name = Optional.ofNullable(one(form, "name")).orElse("").trim();
        if (!form.containsKey("allow")) {
            return Reply.html(400, form(id, p, "Choose Allow or Deny.", email, name));
        }
        if (!validEmail(email)) {
            return Reply.html(400, form(id, p, "Enter a valid email address.", email, name));
        }
        if (name.length() > 200) {
            return Reply.html(400, form(id, p, "The name is too long.", email, name));
        }
        tokens.removePending(id);
        User user = accounts.signIn(email, name.isEmpty() ? null : name);
        String code = tokens.issueCode(new TokenService.CodeGrant(p.clientId(), p.redirectUri(), user.id(), p.scopes(),
                p.codeChallenge(), p.nonce(), tokens.now(), tokens.now().plus(TokenService.CODE_LIFETIME), null));
        LOG.info("authorize: issued a code to client {} for user {}", p.clientId(), user.id());
        Map<String, String> params = new LinkedHashMap<>();
        params.put("code", code);
        return back.with(params);
    }

    private String form(String id, TokenService.Pending p, String error, String email, String name) {
        OAuthClient c = accounts.snapshot().clients().get(p.clientId());
        String clientName = c == null ? p.clientId() : c.metadata().getOrDefault("name", p.clientId());
        return Html.signInForm(id, clientName, p.clientId(), p.scopes(), error, email, name);
    }

    /** The (deliberately simple) email check of the sign-in form and the members API. */
    public static boolean validEmail(String email) {
        return email.length() <= 254 && email.matches("[^@\\s\"<>]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?");
    }

    /** The single value of {@code name}, or null when absent or empty. */
    private static String one(Map<String, List<String>> params, String name) {
        List<String> v = params.get(name);
        return v == null || v.isEmpty() || v.get(0).isEmpty() ? null : v.get(0);
    }

    /** A redirect back to a registered redirect URI, carrying state and iss (RFC 9207). */
    private final class Back {
        final String redirectUri;
        final String state;

        Back(String redirectUri, String state) {
            this.redirectUri = redirectUri;
            this.state = state;
        }

        Reply error(String code, String description) {
            LOG.info("authorize: redirecting back with error={}", code);
            Map<String, String> params = new LinkedHashMap<>();
            params.put("error", code);
            params.put("error_description", description);
            return with(params);
        }

        Reply with(Map<String, String> params) {
            if (state != null) {
                params.put("state", state);
            }
            params.put("iss", issuer);
            StringBuilder url = new StringBuilder(redirectUri);
            char sep = redirectUri.indexOf('?') >= 0 ? '&' : '?';
            for (Map.Entry<String, String> e : params.entrySet()) {
                url.append(sep).append(enc(e.getKey())).append('=').append(enc(e.getValue()));
                sep = '&';
            }
            return Reply.redirect(url.toString());
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

}
