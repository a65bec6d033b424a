package com.meshagent.filter.testing;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * A hostile OIDC provider on 127.0.0.1, port 0, whose every answer a test scripts: discovery, a JWKS with one
 * RSA key, an authorization endpoint that redirects straight back with a code (remembering the nonce it was
 * sent), a token endpoint that answers whatever JSON the script builds (with an ID token signed over any claims,
 * including ones no library would produce, like a string {@code exp}) and a userinfo endpoint.
 */
public final class ScriptedOidcProvider implements AutoCloseable {

    /** What the token endpoint is asked: the grant type and the nonce of the last authorization request. */
    public record TokenCall(String grantType, String nonce) {}

    private final HttpServer server;
    private final String issuer;
    private static RSAKey sharedKey;
    private final RSAKey key;
    private final Clock clock;
    private volatile String nonce;
    private volatile Object lastSubject = "user-1";
    private volatile BiFunction<ScriptedOidcProvider, TokenCall, Map<String, Object>> tokenScript;

    public ScriptedOidcProvider(Clock clock) throws IOException, JOSEException {
        this.clock = clock;
        this.key = key();
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        this.issuer = "http://127.0.0.1:" + server.getAddress().getPort() + "/op";
        this.tokenScript = (op, call) -> op.tokenResponse(op.idToken(op.claims(call.nonce())));
        server.createContext("/op/.well-known/openid-configuration", ex -> json(ex, 200, Map.of(
                "issuer", issuer, "authorization_endpoint", issuer + "/authorize", "token_endpoint", issuer + "/token",
                "userinfo_endpoint", issuer + "/userinfo", "jwks_uri", issuer + "/jwks",
                "response_types_supported", List.of("code"), "subject_types_supported", List.of("public"),
                "id_token_signing_alg_values_supported", List.of("RS256"))));
        server.createContext("/op/jwks", ex -> json(ex, 200, new JWKSet(key.toPublicJWK()).toJSONObject()));
        server.createContext("/op/authorize", this::authorize);
        server.createContext("/op/token", ex -> {
            String form = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String grant = Queries.parse(form).getOrDefault("grant_type", List.of("?")).get(0);
            json(ex, 200, tokenScript.apply(this, new TokenCall(grant, nonce)));
        });
        // userinfo vouches for whoever the last ID token named, so only the ID token rules decide
        server.createContext("/op/userinfo", ex -> json(ex, 200, Map.of("sub", lastSubject)));
        server.start();
    }

    /** One signing key for all instances: generating a 2048-bit key per test would cost more than the test. */
    private static synchronized RSAKey key() throws JOSEException {
        if (sharedKey == null) {
            sharedKey = new RSAKeyGenerator(2048).keyID("k1").generate();
        }
        return sharedKey;
    }

    public String issuer() {
        return issuer;
    }

    public String clientId() {
        return "rp-1";
    }

    /** Replaces what the token endpoint answers (for every grant type). */
    public void onToken(BiFunction<ScriptedOidcProvider, TokenCall, Map<String, Object>> script) {
        this.tokenScript = script;
    }

    /** The claims of a token that passes every rule: issued now, valid 5 min, for {@link #clientId()}. */
    public Map<String, Object> claims(String nonce) {
        long now = clock.instant().getEpochSecond();
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("iss", issuer);
        c.put("sub", "user-1");
        c.put("aud", clientId());
        c.put("iat", now);
        c.put("exp", now + 300);
        if (nonce != null) {
            c.put("nonce", nonce);
        }
        return c;
    }

    /** An RS256 ID token over exactly these claims (any JSON, nothing checked), signed with the published key. */
    public String idToken(Map<String, Object> claims) {
        if (claims.get("sub") instanceof String sub) {
            lastSubject = sub;
        }
        try {
            JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build();
            Base64URL h = header.toBase64URL();
            Base64URL p = Base64URL.encode(JSONObjectUtils.toJSONString(claims));
            byte[] input = (h + "." + p).getBytes(StandardCharsets.US_ASCII);
            return h + "." + p + "." + new RSASSASigner(key).sign(header, input);
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A successful token response with this ID token, {@code expires_in} 300 and a refresh token. */
    public Map<String, Object> tokenResponse(String idToken) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("access_token", "at-" + System.nanoTime());
        r.put("token_type", "Bearer");
        r.put("expires_in", 300);
        r.put("refresh_token", "rt-" + System.nanoTime());
        if (idToken != null) {
            r.put("id_token", idToken);
        }
        return r;
    }

    /**
     * A sign-in through the filter whose {@code login} URI is given: the filter's redirect here, this provider's
     * redirect back with a code, and the callback, whose answer is returned.
     */
    public static HttpResponse<String> signIn(Browser b, URI login) throws IOException, InterruptedException {
        HttpResponse<String> toProvider = b.get(login);
        return b.get(Browser.location(b.get(Browser.location(toProvider))));
    }

    private void authorize(HttpExchange ex) throws IOException {
        Map<String, List<String>> q = Queries.parse(ex.getRequestURI().getRawQuery());
        nonce = q.containsKey("nonce") ? q.get("nonce").get(0) : null;
        String location = q.get("redirect_uri").get(0) + "?code=c-" + System.nanoTime() + "&state="
                + URLEncoder.encode(q.get("state").get(0), StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Location", location);
        ex.sendResponseHeaders(302, -1);
        ex.close();
    }

    private static void json(HttpExchange ex, int status, Map<String, ?> body) throws IOException {
        ex.getRequestBody().readAllBytes();
        byte[] bytes = JSONObjectUtils.toJSONString(body).getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "application/json");
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
