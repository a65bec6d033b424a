package com.meshagent.devserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.meshagent.testsupport.MutableClock;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.openid.connect.sdk.Nonce;
import com.nimbusds.openid.connect.sdk.claims.IDTokenClaimsSet;
import com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata;
import com.nimbusds.openid.connect.sdk.validators.IDTokenValidator;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OidcTest {
    private final MutableClock clock = MutableClock.startingNow();
    private DevServer dev;
    private Flows flows;

    @BeforeEach
    void start() {
        // OIDC validators check exp/iat against the real time, so this server runs on the system clock.
        dev = DevServer.builder().port(0).redirectUris(Flows.REDIRECT, "http://127.0.0.1:9/app/cb").start();
        flows = new Flows(dev);
    }

    @AfterEach
    void stop() {
        dev.close();
    }

    private OIDCProviderMetadata metadata() throws Exception {
        HttpResponse<String> r = flows.get("/.well-known/openid-configuration");
        assertEquals(200, r.statusCode());
        return OIDCProviderMetadata.parse(r.body());
    }

    @Test
    void discoveryAdvertisesTheIssuerEndpointsS256AndRs256() throws Exception {
        OIDCProviderMetadata m = metadata();
        assertEquals(dev.baseUri().toString(), m.getIssuer().getValue());
        assertEquals(dev.baseUri() + "/oauth/token", m.getTokenEndpointURI().toString());
        assertEquals(dev.baseUri() + "/oauth/userinfo", m.getUserInfoEndpointURI().toString());
        assertEquals(dev.baseUri() + "/oauth/revoke", m.getRevocationEndpointURI().toString());
        assertEquals(dev.baseUri() + "/oauth/end-session", m.getEndSessionEndpointURI().toString());
        assertEquals(List.of("S256"), m.getCodeChallengeMethods().stream().map(Object::toString).toList());
        assertEquals(List.of(JWSAlgorithm.RS256), m.getIDTokenJWSAlgs());
        assertTrue(m.supportsAuthorizationResponseIssuerParam());
        assertEquals(405, flows.postForm("/.well-known/openid-configuration", Map.of()).statusCode());
    }

    @Test
    void idTokenVerifiesAgainstThePublishedJwksWithNimbus() throws Exception {
        Map<String, Object> t = flows.tokensFor("zoe@example.com", "openid email profile");
        OIDCProviderMetadata m = metadata();
        IDTokenValidator validator = new IDTokenValidator(m.getIssuer(), new ClientID(dev.bootstrap().clientId()),
                JWSAlgorithm.RS256, m.getJWKSetURI().toURL());
        JWT idToken = JWTParser.parse((String) t.get("id_token"));
        IDTokenClaimsSet claims = validator.validate(idToken, new Nonce("n-456"));
        assertEquals("zoe@example.com", claims.getStringClaim("email"));
        assertEquals(Boolean.TRUE, claims.getClaim("email_verified"), "a form sign-in vouches for its email (a JSON boolean)");
        assertNotNull(claims.getStringClaim("name"));
        HttpResponse<String> me = flows.get("/accounts/profiles/me", (String) t.get("access_token"));
        assertEquals(Flows.json(me.body()).get("id"), claims.getSubject().getValue());

        assertThrows(BadJOSEException.class, () -> validator.validate(idToken, new Nonce("other")));
        IDTokenValidator otherAudience = new IDTokenValidator(m.getIssuer(), new ClientID("someone-else"),
                JWSAlgorithm.RS256, m.getJWKSetURI().toURL());
        assertThrows(BadJOSEException.class, () -> otherAudience.validate(idToken, new Nonce("n-456")));
        IDTokenValidator otherIssuer = new IDTokenValidator(new Issuer(dev.baseUri() + "/"),
                new ClientID(dev.bootstrap().clientId()), JWSAlgorithm.RS256, m.getJWKSetURI().toURL());
        assertThrows(BadJOSEException.class, () -> otherIssuer.validate(idToken, new Nonce("n-456")));
    }

    @Test
    void noIdTokenWithoutOpenidScope() throws Exception {
        assertTrue(!flows.tokensFor("y@example.com", "profile").containsKey("id_token"));
    }

    @Test
    void userinfoNeedsABearerHeaderAndTheOpenidScope() throws Exception {
        Map<String, Object> t = flows.tokensFor("x@example.com", "openid profile");
        HttpResponse<String> ok = flows.get("/oauth/userinfo", (String) t.get("access_token"));
        assertEquals(200, ok.statusCode());
        assertEquals("x@example.com", Flows.json(ok.body()).get("email"));
        assertEquals(Boolean.TRUE, Flows.json(ok.body()).get("email_verified"));
        assertEquals(401, flows.get("/oauth/userinfo").statusCode());
        assertEquals(401, flows.get("/oauth/userinfo", "bogus").statusCode());
        assertTrue(flows.get("/oauth/userinfo", "bogus").headers().firstValue("WWW-Authenticate").orElse("")
                .contains("invalid_token"));
        Map<String, Object> noOpenid = flows.tokensFor("x@example.com", "profile");
        assertEquals(403, flows.get("/oauth/userinfo", (String) noOpenid.get("access_token")).statusCode());
    }

    @Test
    void revokingARefreshTokenEndsItsFamilyAndUnknownTokensAreAnswered200() throws Exception {
        Map<String, Object> t = flows.tokensFor("w@example.com", "openid profile");
        Map<String, String> p = new LinkedHashMap<>();
        p.put("token", (String) t.get("refresh_token"));
        p.put("token_type_hint", "refresh_token");
        p.put("client_id", dev.bootstrap().clientId());
        p.put("client_secret", dev.bootstrap().clientSecret());
        assertEquals(200, flows.postForm("/oauth/revoke", p).statusCode());
        assertEquals(401, flows.get("/accounts/profiles/me", (String) t.get("access_token")).statusCode());
        assertEquals("invalid_grant",
                Flows.json(flows.token(flows.refreshParams((String) t.get("refresh_token"))).body()).get("error"));
        p.put("token", "unknown");
        assertEquals(200, flows.postForm("/oauth/revoke", p).statusCode());
        p.remove("client_secret");
        assertEquals(401, flows.postForm("/oauth/revoke", p).statusCode());
        p.put("client_secret", dev.bootstrap().clientSecret());
        p.remove("token");
        assertEquals(400, flows.postForm("/oauth/revoke", p).statusCode());
    }

    @Test
    void revokingAnAccessTokenEndsOnlyThatToken() throws Exception {
        Map<String, Object> t = flows.tokensFor("v@example.com", "profile");
        Map<String, String> p = new LinkedHashMap<>();
        p.put("token", (String) t.get("access_token"));
        p.put("client_id", dev.bootstrap().clientId());
        p.put("client_secret", dev.bootstrap().clientSecret());
        assertEquals(200, flows.postForm("/oauth/revoke", p).statusCode());
        assertEquals(401, flows.get("/accounts/profiles/me", (String) t.get("access_token")).statusCode());
        assertEquals(200, flows.token(flows.refreshParams((String) t.get("refresh_token"))).statusCode());
    }

    @Test
    void endSessionRedirectsOnlyToTheClientsOwnOriginWithState() throws Exception {
        Map<String, Object> t = flows.tokensFor("u@example.com", "openid");
        String hint = (String) t.get("id_token");
        HttpResponse<String> ok = flows.get("/oauth/end-session?" + Flows.form(Map.of("id_token_hint", hint,
                "post_logout_redirect_uri", "http://127.0.0.1:9/app/", "state", "bye")));
        assertEquals(303, ok.statusCode());
        assertEquals("http://127.0.0.1:9/app/?state=bye", ok.headers().firstValue("Location").orElseThrow());

        for (String evil : new String[] {"https://evil.example/", "http://127.0.0.1:10/", "//evil.example/",
                "javascript:alert(1)"}) {
            HttpResponse<String> r = flows.get("/oauth/end-session?" + Flows.form(Map.of("id_token_hint", hint,
                    "post_logout_redirect_uri", evil)));
            assertEquals(400, r.statusCode(), evil);
            assertTrue(r.headers().firstValue("Location").isEmpty(), evil);
        }
        HttpResponse<String> forged = flows.get("/oauth/end-session?" + Flows.form(Map.of("id_token_hint",
                hint.substring(0, hint.length() - 4) + "AAAA", "post_logout_redirect_uri", "http://127.0.0.1:9/app/")));
        assertEquals(400, forged.statusCode());
        assertEquals(200, flows.get("/oauth/end-session").statusCode());
    }

    @Test
    void jwksPublishesOnlyThePublicKey() throws Exception {
        HttpResponse<String> r = flows.get("/.well-known/jwks.json");
        assertEquals(200, r.statusCode());
        com.nimbusds.jose.jwk.JWKSet set = com.nimbusds.jose.jwk.JWKSet.parse(r.body());
        assertEquals(1, set.getKeys().size());
        assertTrue(!set.getKeys().get(0).isPrivate());
        assertTrue(!r.body().contains("\"d\""));
    }
}
