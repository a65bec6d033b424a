package com.meshagent.devserver;

import com.meshagent.devserver.http.Call;
import com.nimbusds.jose.util.JSONObjectUtils;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Drives the devserver over real HTTP the way a relying party and a browser would. */
final class Flows {
    static final String REDIRECT = "http://127.0.0.1:9/callback";

    final DevServer dev;
    final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    Flows(DevServer dev) {
        this.dev = dev;
    }

    record Pkce(String verifier, String challenge) {}

    static Pkce pkce() {
        byte[] b = new byte[32];
        new SecureRandom().nextBytes(b);
        String verifier = Base64.getUrlEncoder().withoutPadding().encodeToString(b);
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return new Pkce(verifier, Base64.getUrlEncoder().withoutPadding().encodeToString(d));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static String form(Map<String, String> params) {
        StringBuilder sb = new StringBuilder();
        params.forEach((k, v) -> {
            if (sb.length() > 0) {
                sb.append('&');
            }
            sb.append(URLEncoder.encode(k, StandardCharsets.UTF_8)).append('=')
                    .append(URLEncoder.encode(v, StandardCharsets.UTF_8));
        });
        return sb.toString();
    }

    Map<String, String> authorizeParams(Pkce pkce, String scope) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("response_type", "code");
        p.put("client_id", dev.bootstrap().clientId());
        p.put("redirect_uri", REDIRECT);
        p.put("scope", scope);
        p.put("state", "st-123");
        p.put("nonce", "n-456");
        p.put("code_challenge", pkce.challenge());
        p.put("code_challenge_method", "S256");
        return p;
    }

    HttpResponse<String> get(String pathAndQuery) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(dev.baseUri() + pathAndQuery)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> get(String path, String bearer) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(dev.baseUri() + path)).header("Authorization",
                "Bearer " + bearer).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> authorizeGet(Map<String, String> params) throws Exception {
        return get("/oauth/authorize?" + form(params));
    }

    static String pendingId(String html) {
        Matcher m = Pattern.compile("name=\"pending\" value=\"([^\"]+)\"").matcher(html);
        if (!m.find()) {
            throw new AssertionError("no pending id in page: " + html);
        }
        return m.group(1);
    }

    HttpResponse<String> postForm(String path, Map<String, String> params) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(dev.baseUri() + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(params))).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Posts the sign-in form shown on {@code page} with {@code email} and the {@code allow} or {@code deny} button. */
    HttpResponse<String> answerForm(HttpResponse<String> page, String email, String button) throws Exception {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("pending", pendingId(page.body()));
        f.put("email", email);
        f.put(button, button);
        return postForm("/oauth/authorize", f);
    }

    /** POSTs {@code params} as a form to the token endpoint with HTTP Basic client authentication. */
    HttpResponse<String> tokenWithBasicAuth(Map<String, String> params, String basicCredentials) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(dev.baseUri() + "/oauth/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Authorization", "Basic " + basicCredentials)
                .POST(HttpRequest.BodyPublishers.ofString(form(params))).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Signs in on the form as {@code email}; returns the redirect Location. */
    String signIn(Map<String, String> authorizeParams, String email) throws Exception {
        HttpResponse<String> page = authorizeGet(authorizeParams);
        if (page.statusCode() != 200) {
            throw new AssertionError("authorize page " + page.statusCode() + ": " + page.body());
        }
        HttpResponse<String> r = answerForm(page, email, "allow");
        if (r.statusCode() != 303) {
            throw new AssertionError("sign-in answered " + r.statusCode() + ": " + r.body());
        }
        return r.headers().firstValue("Location").orElseThrow();
    }

    static Map<String, List<String>> query(String location) {
        return Call.parseForm(URI.create(location).getRawQuery());
    }

    static String param(String location, String name) {
        List<String> v = query(location).get(name);
        return v == null ? null : v.get(0);
    }

    /** A code for {@code email} with the bootstrap client and the given PKCE pair. */
    String code(Pkce pkce, String scope, String email) throws Exception {
        return param(signIn(authorizeParams(pkce, scope), email), "code");
    }

    HttpResponse<String> token(Map<String, String> params) throws Exception {
        return postForm("/oauth/token", params);
    }

    Map<String, String> codeExchange(String code, Pkce pkce) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("grant_type", "authorization_code");
        p.put("code", code);
        p.put("redirect_uri", REDIRECT);
        p.put("code_verifier", pkce.verifier());
        p.put("client_id", dev.bootstrap().clientId());
        p.put("client_secret", dev.bootstrap().clientSecret());
        return p;
    }

    Map<String, String> refreshParams(String refreshToken) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("grant_type", "refresh_token");
        p.put("refresh_token", refreshToken);
        p.put("client_id", dev.bootstrap().clientId());
        p.put("client_secret", dev.bootstrap().clientSecret());
        return p;
    }

    /** Full sign-in: returns the token response JSON. */
    Map<String, Object> tokensFor(String email, String scope) throws Exception {
        Pkce pkce = pkce();
        HttpResponse<String> r = token(codeExchange(code(pkce, scope, email), pkce));
        if (r.statusCode() != 200) {
            throw new AssertionError("token " + r.statusCode() + ": " + r.body());
        }
        return json(r.body());
    }

    static Map<String, Object> json(String body) throws Exception {
        return JSONObjectUtils.parse(body);
    }

    /** A REST call with an optional bearer credential and JSON body. */
    HttpResponse<String> rest(String method, String path, String bearer, Object jsonBody) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(dev.baseUri() + path));
        if (bearer != null) {
            b.header("Authorization", "Bearer " + bearer);
        }
        if (jsonBody == null) {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            String text = jsonBody instanceof String str ? str
                    : JSONObjectUtils.toJSONString(castMap(jsonBody));
            b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(text));
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> castMap(Object o) {
        return (Map<String, Object>) o;
    }

    String project(String rest) {
        return "/accounts/projects/" + dev.bootstrap().projectId() + rest;
    }

    /** An access token for {@code email} (signed in on the form) with the bootstrap client. */
    String accessToken(String email) throws Exception {
        return accessToken(email, "profile");
    }

    /** An access token for {@code email} and {@code scope} (signed in on the form) with the bootstrap client. */
    String accessToken(String email, String scope) throws Exception {
        return (String) tokensFor(email, scope).get("access_token");
    }

    /** The error code of a REST error body {"error": {"message", "code"}}. */
    @SuppressWarnings("unchecked")
    static String restErrorCode(HttpResponse<String> r) throws Exception {
        Object error = json(r.body()).get("error");
        return error instanceof Map<?, ?> m ? (String) ((Map<String, Object>) m).get("code") : null;
    }
}
