package com.meshagent.filter.internal.oauth;

import com.meshagent.filter.internal.metrics.Metrics;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.meshagent.filter.MeshAgentConfig;
import com.meshagent.testsupport.MutableClock;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * OIDC mode against a scripted provider whose every answer a test can bend: discovery issuer (PV-18),
 * the RFC 9207 {@code iss} parameter (PV-19), the ID token's nonce (PV-08), key rotation (PV-15), a JWKS
 * outage (FT-04) and userinfo's {@code sub} (PV-17).
 */
class OidcProviderChecksTest {

    private final MutableClock clock = MutableClock.atSystemTime();
    private final List<String> calls = Collections.synchronizedList(new ArrayList<>());
    private final AtomicReference<String> discoveryIssuer = new AtomicReference<>();
    private final AtomicReference<Boolean> issParameter = new AtomicReference<>(false);
    private final AtomicReference<RSAKey> signingKey = new AtomicReference<>();
    private final AtomicReference<JWKSet> published = new AtomicReference<>();
    private final AtomicReference<Integer> jwksStatus = new AtomicReference<>(200);
    private final AtomicReference<Integer> discoveryStatus = new AtomicReference<>(200);
    private final AtomicReference<Integer> userInfoStatus = new AtomicReference<>(200);
    private final AtomicReference<Boolean> sendIdToken = new AtomicReference<>(true);
    private final AtomicReference<String> idTokenNonce = new AtomicReference<>();
    private final AtomicReference<String> userInfoBody = new AtomicReference<>("{\"sub\":\"user-1\",\"email\":\"ada@example.com\"}");
    private HttpServer server;
    private String issuer;

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        issuer = "http://127.0.0.1:" + server.getAddress().getPort() + "/op";
        discoveryIssuer.set(issuer);
        RSAKey key = new RSAKeyGenerator(2048).keyID("k1").generate();
        signingKey.set(key);
        published.set(new JWKSet(key.toPublicJWK()));
        server.createContext("/op/.well-known/openid-configuration", ex -> send(ex, discoveryStatus.get(), "{\"issuer\":\"" + discoveryIssuer.get()
                + "\",\"authorization_endpoint\":\"" + issuer + "/authorize\",\"token_endpoint\":\"" + issuer + "/token\""
                + ",\"userinfo_endpoint\":\"" + issuer + "/userinfo\",\"jwks_uri\":\"" + issuer + "/jwks\""
                + ",\"response_types_supported\":[\"code\"],\"subject_types_supported\":[\"public\"]"
                + ",\"id_token_signing_alg_values_supported\":[\"RS256\",\"none\",\"HS256\"]"
                + ",\"authorization_response_iss_parameter_supported\":" + issParameter.get() + "}"));
        server.createContext("/op/jwks", ex -> send(ex, jwksStatus.get(), published.get().toString()));
        server.createContext("/op/token", ex -> send(ex, 200, "{\"access_token\":\"at\",\"token_type\":\"Bearer\","
                + "\"expires_in\":300" + (sendIdToken.get() ? ",\"id_token\":\"" + idToken() + "\"" : "") + "}"));
        server.createContext("/op/userinfo", ex -> send(ex, userInfoStatus.get(), userInfoBody.get()));
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private void send(HttpExchange ex, int status, String body) throws IOException {
        ex.getRequestBody().readAllBytes();
        calls.add(ex.getRequestURI().getPath());
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "application/json");
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    private String idToken() {
        try {
            long now = System.currentTimeMillis();
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(signingKey.get().getKeyID()).build(),
                    new JWTClaimsSet.Builder().issuer(issuer).audience("cid").subject("user-1")
                            .issueTime(new Date(now)).expirationTime(new Date(now + 300_000))
                            .claim("nonce", idTokenNonce.get()).build());
            jwt.sign(new RSASSASigner(signingKey.get()));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private ProviderClient client() {
        return new ProviderClient(ProviderClient.Settings.of(MeshAgentConfig.builder().issuer(issuer).clientId("cid")
                .clientSecret("s").redirectUri("http://127.0.0.1:1/meshagent/callback").clock(clock).build()), Metrics.NONE);
    }

    /** Starts a sign-in and makes the provider put this flow's nonce into the ID token. */
    private ProviderClient.Start begin(ProviderClient c) throws ProviderException {
        ProviderClient.Start s = c.start("/");
        idTokenNonce.set(s.pending().nonce());
        return s;
    }

    @Test
    void wellBehavedProviderSignsTheUserIn() throws Exception {
        ProviderClient c = client();
        SignInResult.Success ok = assertInstanceOf(SignInResult.Success.class, c.complete(begin(c).pending(), "code"));
        assertEquals("user-1", ok.user().id());
        assertEquals(issuer, ok.user().provider());
        assertEquals("ada@example.com", ok.user().email());
    }

    @Test
    void discoveryIssuerThatDiffersFromTheConfiguredOneIsRefused() {
        discoveryIssuer.set(issuer + "/");
        ProviderException e = assertThrows(ProviderException.class, () -> client().start("/"));
        assertEquals("provider_metadata_invalid", e.reason());
        assertFalse(calls.contains("/op/token"));
    }

    @Test
    void providerDownAtFirstUseIsRetriedAfterABackOffNotByEveryRequest() throws Exception {
        discoveryStatus.set(500);
        ProviderClient c = client();
        assertEquals("provider_unavailable", assertThrows(ProviderException.class, () -> c.start("/")).reason());
        discoveryStatus.set(200);
        assertThrows(ProviderException.class, () -> c.start("/"));
        assertEquals(1, calls.stream().filter(p -> p.endsWith("openid-configuration")).count(), "FT-06: no hammering");
        clock.advance(java.time.Duration.ofSeconds(6));
        assertTrue(c.start("/").authorizationUri().toString().startsWith(issuer + "/authorize?"));
    }

    @Test
    void issParameterIsCheckedExactlyAndRequiredWhenAdvertised() throws Exception {
        ProviderClient quiet = client();
        begin(quiet);
        assertTrue(quiet.checkIssuerParameter(new Callback("s", "c", null, null, null)).isEmpty(), "not advertised, absent: ok");
        assertTrue(quiet.checkIssuerParameter(new Callback("s", "c", null, null, issuer)).isEmpty());
        assertEquals("issuer_mismatch", quiet.checkIssuerParameter(new Callback("s", "c", null, null, issuer + "/")).orElseThrow());

        issParameter.set(true);
        ProviderClient strict = client();
        begin(strict);
        assertEquals("issuer_missing", strict.checkIssuerParameter(new Callback("s", "c", null, null, null)).orElseThrow());
        assertEquals("issuer_missing", strict.checkIssuerParameter(new Callback("s", null, "access_denied", null, null))
                .orElseThrow(), "error responses too");
        assertTrue(strict.checkIssuerParameter(new Callback("s", "c", null, null, issuer)).isEmpty());
    }

    @Test
    void idTokenWithAnotherFlowsNonceIsRejectedBeforeUserinfo() throws Exception {
        ProviderClient c = client();
        ProviderClient.Start s = begin(c);
        idTokenNonce.set("nonce-of-another-flow");
        SignInResult.Failure f = assertInstanceOf(SignInResult.Failure.class, c.complete(s.pending(), "code"));
        assertEquals("id_token_invalid", f.reason());
        assertTrue(f.logDetail().startsWith("ID token refused (rule nonce): "), "the log line names the rule: " + f.logDetail());
        assertFalse(f.logDetail().contains("eyJ"), "and never holds the token");
        assertFalse(calls.contains("/op/userinfo"));
    }

    @Test
    void userinfoForAnotherSubjectOrWithoutOneIsRejected() throws Exception {
        for (String body : List.of("{\"sub\":\"someone-else\"}", "{\"email\":\"ada@example.com\"}", "[{\"sub\":\"user-1\"}]")) {
            userInfoBody.set(body);
            ProviderClient c = client();
            SignInResult.Failure f = assertInstanceOf(SignInResult.Failure.class, c.complete(begin(c).pending(), "code"), body);
            assertFalse(f.unavailable(), body);
        }
    }

    @Test
    void tokenResponseWithoutIdTokenIsALoginError() throws Exception {
        sendIdToken.set(false);
        ProviderClient c = client();
        assertEquals("id_token_missing",
                assertInstanceOf(SignInResult.Failure.class, c.complete(begin(c).pending(), "code")).reason());
    }

    @Test
    void userinfoOutageFailsTheLoginAsUnavailable() throws Exception {
        userInfoStatus.set(503);
        ProviderClient c = client();
        SignInResult.Failure f = assertInstanceOf(SignInResult.Failure.class, c.complete(begin(c).pending(), "code"));
        assertTrue(f.unavailable(), "FT-14: 502 page, try again");
        userInfoStatus.set(401);
        assertFalse(assertInstanceOf(SignInResult.Failure.class, c.complete(begin(c).pending(), "code")).unavailable());
    }

    @Test
    void rotatedSigningKeyIsFetchedAndAnUnreachableJwksFailsOnlyThatLogin() throws Exception {
        ProviderClient c = client();
        assertInstanceOf(SignInResult.Success.class, c.complete(begin(c).pending(), "code"));
        RSAKey next = new RSAKeyGenerator(2048).keyID("k2").generate();
        signingKey.set(next);
        published.set(new JWKSet(List.of(next.toPublicJWK())));
        assertInstanceOf(SignInResult.Success.class, c.complete(begin(c).pending(), "code"), "unknown kid refetches (PV-15)");

        RSAKey third = new RSAKeyGenerator(2048).keyID("k3").generate();
        signingKey.set(third);
        published.set(new JWKSet(List.of(third.toPublicJWK())));
        jwksStatus.set(503);
        assertInstanceOf(SignInResult.Failure.class, c.complete(begin(c).pending(), "code"), "FT-04");
    }
}
