package com.meshagent.filter.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.meshagent.filter.MeshAgentConfig;
import com.meshagent.filter.testing.Browser;
import com.meshagent.filter.testing.JettyApp;
import com.meshagent.filter.testing.ScriptedOidcProvider;
import com.meshagent.testsupport.MutableClock;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.oauth2.sdk.token.BearerAccessToken;
import com.nimbusds.openid.connect.sdk.claims.AccessTokenHash;
import java.math.BigInteger;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every ID-token rule (OIDC Core §2, §3.1.3.7, §12.2) and the one rule for provider numbers, driven through the
 * real filter in Jetty by a scripted hostile provider: one sign-in (or refresh) per rule, with the page the user
 * sees and its reason code.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileIdTokenJettyTest {

    private static final String SECRET = "a-client-secret-that-is-at-least-32-bytes-long";

    private MutableClock clock;
    private ScriptedOidcProvider op;
    private JettyApp app;

    @BeforeAll
    void start() throws Exception {
        clock = MutableClock.atSystemTime();
        op = new ScriptedOidcProvider(clock);
        app = JettyApp.start(base -> MeshAgentConfig.builder().issuer(op.issuer()).clientId(op.clientId())
                .clientSecret(SECRET).redirectUri(base + "/meshagent/callback").protectedPaths("/app/*")
                .clock(clock).build());
    }

    /** One provider and one filter for the class; each case signs in with a fresh browser at the real time. */
    @BeforeEach
    void reset() {
        clock.advance(Duration.between(clock.instant(), Instant.now()));
        op.onToken((p, call) -> p.tokenResponse(p.idToken(p.claims(call.nonce()))));
    }

    @AfterAll
    void stop() throws Exception {
        app.close();
        op.close();
    }

    /** Login, the provider's redirect back, and the callback; returns the callback's answer. */
    private HttpResponse<String> signIn(Browser b) throws Exception {
        return ScriptedOidcProvider.signIn(b, app.uri("/meshagent/login?return_to=/app/x"));
    }

    private static Arguments claims(String rule, Consumer<Map<String, Object>> edit, int status, String reason) {
        return response(rule, (op, call) -> {
            Map<String, Object> c = op.claims(call.nonce());
            edit.accept(c);
            return op.tokenResponse(op.idToken(c));
        }, status, reason);
    }

    private static Arguments response(String rule, BiFunction<ScriptedOidcProvider, ScriptedOidcProvider.TokenCall,
            Map<String, Object>> script, int status, String reason) {
        return Arguments.of(rule, script, status, reason);
    }

    private static long now() {
        return System.currentTimeMillis() / 1000;
    }

    static Stream<Arguments> signInCases() {
        String other = "someone-else";
        return Stream.of(
                claims("well-formed token", c -> {}, 303, null),
                claims("iss of another issuer", c -> c.put("iss", "https://evil.example/op"), 400, "id_token_invalid"),
                claims("iss missing", c -> c.remove("iss"), 400, "id_token_invalid"),
                claims("aud of another client", c -> c.put("aud", other), 400, "id_token_invalid"),
                claims("aud missing", c -> c.remove("aud"), 400, "id_token_invalid"),
                claims("aud array with us and no azp", c -> c.put("aud", List.of("rp-1", other)), 400, "id_token_invalid"),
                claims("aud array with us and azp us", c -> {
                    c.put("aud", List.of("rp-1", other));
                    c.put("azp", "rp-1");
                }, 303, null),
                claims("aud array with azp of another party", c -> {
                    c.put("aud", List.of("rp-1", other));
                    c.put("azp", other);
                }, 400, "id_token_invalid"),
                claims("azp of another party, single aud", c -> c.put("azp", other), 400, "id_token_invalid"),
                claims("aud array with a number in it", c -> c.put("aud", List.of("rp-1", 5)), 400, "id_token_invalid"),
                claims("sub missing", c -> c.remove("sub"), 400, "id_token_invalid"),
                claims("sub empty", c -> c.put("sub", ""), 400, "id_token_invalid"),
                claims("sub not a string", c -> c.put("sub", 42), 400, "id_token_invalid"),
                claims("sub of 256 characters", c -> c.put("sub", "u".repeat(256)), 400, "id_token_invalid"),
                claims("sub of 255 characters", c -> c.put("sub", "u".repeat(255)), 303, null),
                claims("sub not ASCII", c -> c.put("sub", "us\u00e9r"), 400, "id_token_invalid"),
                claims("sub with a line break", c -> c.put("sub", "user\nadmin"), 400, "id_token_invalid"),
                claims("exp missing", c -> c.remove("exp"), 400, "id_token_invalid"),
                claims("exp 2 min ago", c -> c.put("exp", now() - 120), 400, "id_token_invalid"),
                claims("exp 30 s ago (within skew)", c -> c.put("exp", now() - 30), 303, null),
                claims("exp hugely negative (wraps to the far future in Date arithmetic)",
                        c -> c.put("exp", -9_223_372_036_854_776L), 400, "id_token_invalid"),
                claims("exp zero", c -> c.put("exp", 0), 400, "id_token_invalid"),
                claims("exp 1e30 (clamped to year 9999)", c -> c.put("exp", 1e30), 303, null),
                claims("exp beyond any long", c -> c.put("exp", new BigInteger("99999999999999999999999")), 303, null),
                claims("exp with a fraction", c -> c.put("exp", now() + 300.75), 303, null),
                claims("exp as a decimal string", c -> c.put("exp", Long.toString(now() + 300)), 303, null),
                claims("exp NaN string", c -> c.put("exp", "NaN"), 400, "id_token_invalid"),
                claims("exp boolean", c -> c.put("exp", true), 400, "id_token_invalid"),
                claims("exp object", c -> c.put("exp", Map.of("v", 1)), 400, "id_token_invalid"),
                claims("iat missing", c -> c.remove("iat"), 400, "id_token_invalid"),
                claims("iat 5 min in the future", c -> c.put("iat", now() + 300), 400, "id_token_invalid"),
                claims("iat 12 min old (max age 10 min + 60 s skew)", c -> c.put("iat", now() - 720), 400, "id_token_invalid"),
                claims("iat hugely negative", c -> c.put("iat", -9_223_372_036_854_776L), 400, "id_token_invalid"),
                claims("iat 1e30", c -> c.put("iat", 1e30), 400, "id_token_invalid"),
                claims("iat string of letters", c -> c.put("iat", "yesterday"), 400, "id_token_invalid"),
                claims("nbf 5 min in the future", c -> c.put("nbf", now() + 300), 400, "id_token_invalid"),
                claims("nbf not a number", c -> c.put("nbf", "soon"), 400, "id_token_invalid"),
                claims("nbf in the past", c -> c.put("nbf", now() - 10), 303, null),
                claims("auth_time 5 min in the future", c -> c.put("auth_time", now() + 300), 400, "id_token_invalid"),
                claims("auth_time not a number", c -> c.put("auth_time", false), 400, "id_token_invalid"),
                claims("auth_time an hour ago (no max_age was asked)", c -> c.put("auth_time", now() - 3600), 303, null),
                claims("nonce missing", c -> c.remove("nonce"), 400, "id_token_invalid"),
                claims("nonce of another sign-in", c -> c.put("nonce", "n-other"), 400, "id_token_invalid"),
                claims("nonce not a string", c -> c.put("nonce", 7), 400, "id_token_invalid"),
                response("at_hash of another access token", (op, call) -> {
                    Map<String, Object> c = op.claims(call.nonce());
                    c.put("at_hash", AccessTokenHash.compute(new BearerAccessToken("at-other"), JWSAlgorithm.RS256, null).getValue());
                    return op.tokenResponse(op.idToken(c));
                }, 400, "id_token_invalid"),
                response("at_hash of this access token", (op, call) -> {
                    Map<String, Object> r = op.tokenResponse(null);
                    Map<String, Object> c = op.claims(call.nonce());
                    c.put("at_hash", AccessTokenHash.compute(new BearerAccessToken((String) r.get("access_token")),
                            JWSAlgorithm.RS256, null).getValue());
                    r.put("id_token", op.idToken(c));
                    return r;
                }, 303, null),
                response("alg none", (op, call) -> op.tokenResponse(
                        Base64URL.encode("{\"alg\":\"none\"}") + "." + Base64URL.encode(
                                JSONObjectUtils.toJSONString(op.claims(call.nonce()))) + "."), 400, "id_token_invalid"),
                response("HS256 signed with the client secret", (op, call) -> {
                    try {
                        JWSHeader h = new JWSHeader(JWSAlgorithm.HS256);
                        String input = h.toBase64URL() + "." + Base64URL.encode(JSONObjectUtils.toJSONString(op.claims(call.nonce())));
                        return op.tokenResponse(input + "." + new MACSigner(SECRET).sign(h, input.getBytes(StandardCharsets.US_ASCII)));
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }, 400, "id_token_invalid"),
                response("id_token not a JWT", (op, call) -> op.tokenResponse("not-a-jwt"), 400, "id_token_invalid"),
                response("id_token a number", (op, call) -> {
                    Map<String, Object> r = op.tokenResponse(null);
                    r.put("id_token", 12);
                    return r;
                }, 400, "id_token_invalid"),
                expiresIn("expires_in Long.MAX_VALUE (clamped)", Long.MAX_VALUE, 303, null),
                expiresIn("expires_in 1e30 (clamped)", 1e30, 303, null),
                expiresIn("expires_in as a decimal string", "3600", 303, null),
                expiresIn("expires_in with a fraction", 299.9, 303, null),
                expiresIn("expires_in negative", -5, 400, "token_response_invalid"),
                expiresIn("expires_in zero", 0, 400, "token_response_invalid"),
                expiresIn("expires_in below one second", 0.5, 400, "token_response_invalid"),
                expiresIn("expires_in boolean", true, 400, "token_response_invalid"),
                expiresIn("expires_in NaN string", "NaN", 400, "token_response_invalid"));
    }

    private static Arguments expiresIn(String rule, Object value, int status, String reason) {
        return response(rule, (op, call) -> {
            Map<String, Object> r = op.tokenResponse(op.idToken(op.claims(call.nonce())));
            r.put("expires_in", value);
            return r;
        }, status, reason);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("signInCases")
    void eachRuleIsEnforcedAtSignIn(String rule, BiFunction<ScriptedOidcProvider, ScriptedOidcProvider.TokenCall,
            Map<String, Object>> script, int status, String reason) throws Exception {
        op.onToken(script);
        Browser b = new Browser();
        HttpResponse<String> callback = signIn(b);
        assertEquals(status, callback.statusCode(), rule + ": " + callback.body());
        if (status == 303) {
            assertEquals(app.uri("/app/x"), Browser.location(callback));
            HttpResponse<String> session = b.get(app.uri("/meshagent/session"));
            assertTrue(session.body().contains("\"signed_in\":true"), session.body());
        } else {
            assertTrue(callback.body().contains(reason), rule + ": the page names the reason code: " + callback.body());
            assertTrue(callback.body().contains("href=\"/meshagent/login"), "a way back: " + callback.body());
            assertTrue(b.get(app.uri("/meshagent/session")).body().contains("\"signed_in\":false"));
        }
    }

    @Test
    void theConfiguredClockDrivesTheTimeChecks() throws Exception {
        // provider and filter agree that it is an hour from now; the machine's clock does not matter
        clock.advance(Duration.ofHours(1));
        Browser b = new Browser();
        assertEquals(303, signIn(b).statusCode(), "a token issued 'now' by the configured clock is fresh");

        op.onToken((p, call) -> {
            Map<String, Object> c = p.claims(call.nonce());
            c.put("iat", now());
            c.put("exp", now() + 300);
            return p.tokenResponse(p.idToken(c));
        });
        HttpResponse<String> stale = signIn(new Browser());
        assertEquals(400, stale.statusCode(), "by the configured clock this token expired 55 min ago");
    }

    @Test
    void idTokenMaxAgeIsConfigurable() throws Exception {
        try (JettyApp lenient = JettyApp.start(base -> MeshAgentConfig.builder().issuer(op.issuer()).clientId(op.clientId())
                .clientSecret(SECRET).redirectUri(base + "/meshagent/callback").protectedPaths("/app/*")
                .idTokenMaxAge(Duration.ofMinutes(30)).clock(clock).build())) {
            op.onToken((p, call) -> {
                Map<String, Object> c = p.claims(call.nonce());
                c.put("iat", clock.instant().getEpochSecond() - 20 * 60);
                return p.tokenResponse(p.idToken(c));
            });
            Browser b = new Browser();
            HttpResponse<String> callback = ScriptedOidcProvider.signIn(b, lenient.uri("/meshagent/login?return_to=/app/x"));
            assertEquals(303, callback.statusCode(), "20 min old is within a 30 min max age: " + callback.body());
        }
        op.onToken((p, call) -> {
            Map<String, Object> c = p.claims(call.nonce());
            c.put("iat", clock.instant().getEpochSecond() - 20 * 60);
            return p.tokenResponse(p.idToken(c));
        });
        assertEquals(400, signIn(new Browser()).statusCode(), "but not within the default 10 min");
    }

    // ---- refresh (OIDC Core §12.2) ----

    /** Signs in with a token carrying auth_time, then scripts the refresh answer and lets the access token expire. */
    private Browser signedInThenRefreshWith(BiFunction<Map<String, Object>, Map<String, Object>, Map<String, Object>> refreshed)
            throws Exception {
        long authTime = clock.instant().getEpochSecond() - 5;
        Map<String, Object> original = new LinkedHashMap<>();
        op.onToken((p, call) -> {
            if (call.grantType().equals("refresh_token")) {
                Map<String, Object> c = p.claims(null);
                c.put("auth_time", authTime);
                return refreshed.apply(original, c);
            }
            Map<String, Object> c = p.claims(call.nonce());
            c.put("auth_time", authTime);
            original.putAll(c);
            return p.tokenResponse(p.idToken(c));
        });
        Browser b = new Browser();
        assertEquals(303, signIn(b).statusCode());
        clock.advance(Duration.ofMinutes(5));
        return b;
    }

    static Stream<Arguments> refreshCases() {
        return Stream.of(
                refresh("no id_token in the refresh answer", true, (p, orig, c) -> p.tokenResponse(null)),
                refresh("fresh id_token, same iss/sub/aud/auth_time, no nonce", true, (p, orig, c) -> p.tokenResponse(p.idToken(c))),
                refresh("nonce repeated from the sign-in", true, (p, orig, c) -> {
                    c.put("nonce", orig.get("nonce"));
                    return p.tokenResponse(p.idToken(c));
                }),
                refresh("nonce differs from the sign-in", false, (p, orig, c) -> {
                    c.put("nonce", "n-other");
                    return p.tokenResponse(p.idToken(c));
                }),
                refresh("sub changed", false, (p, orig, c) -> {
                    c.put("sub", "user-2");
                    return p.tokenResponse(p.idToken(c));
                }),
                refresh("aud changed (another audience added, azp us)", false, (p, orig, c) -> {
                    c.put("aud", List.of("rp-1", "someone-else"));
                    c.put("azp", "rp-1");
                    return p.tokenResponse(p.idToken(c));
                }),
                refresh("iss changed", false, (p, orig, c) -> {
                    c.put("iss", "https://evil.example/op");
                    return p.tokenResponse(p.idToken(c));
                }),
                refresh("auth_time changed", false, (p, orig, c) -> {
                    c.put("auth_time", ((Number) c.get("auth_time")).longValue() + 60);
                    return p.tokenResponse(p.idToken(c));
                }),
                refresh("auth_time dropped", false, (p, orig, c) -> {
                    c.remove("auth_time");
                    return p.tokenResponse(p.idToken(c));
                }),
                refresh("iat not refreshed (the sign-in token's, now too old)", false, (p, orig, c) -> {
                    c.put("iat", ((Number) orig.get("iat")).longValue() - 6 * 60);
                    return p.tokenResponse(p.idToken(c));
                }),
                refresh("exp in the past", false, (p, orig, c) -> {
                    c.put("exp", ((Number) c.get("iat")).longValue() - 120);
                    return p.tokenResponse(p.idToken(c));
                }),
                refresh("exp hugely negative", false, (p, orig, c) -> {
                    c.put("exp", -9_223_372_036_854_776L);
                    return p.tokenResponse(p.idToken(c));
                }),
                refresh("expires_in Long.MAX_VALUE (clamped)", true, (p, orig, c) -> {
                    Map<String, Object> r = p.tokenResponse(p.idToken(c));
                    r.put("expires_in", Long.MAX_VALUE);
                    return r;
                }));
    }

    interface RefreshScript {
        Map<String, Object> answer(ScriptedOidcProvider op, Map<String, Object> original, Map<String, Object> fresh);
    }

    private static Arguments refresh(String rule, boolean keepsSignIn, RefreshScript script) {
        return Arguments.of(rule, keepsSignIn, script);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refreshCases")
    void refreshedIdTokensGetTheSameChecksAndMustNameTheSameSignIn(String rule, boolean keepsSignIn, RefreshScript script)
            throws Exception {
        Browser b = signedInThenRefreshWith((orig, fresh) -> script.answer(op, orig, fresh));
        HttpResponse<String> page = b.get(app.uri("/app/x"), "Accept", "application/json");
        if (keepsSignIn) {
            assertEquals(200, page.statusCode(), rule + ": " + page.body());
            assertEquals("hello user-1 <null> at /app/x", page.body());
        } else {
            assertEquals(401, page.statusCode(), rule + ": sign-in ended: " + page.body());
            assertTrue(b.get(app.uri("/meshagent/session")).body().contains("\"signed_in\":false"));
        }
        assertFalse(page.body().contains("eyJ"), "no token in any answer");
    }
}
