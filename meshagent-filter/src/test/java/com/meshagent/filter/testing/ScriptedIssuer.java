package com.meshagent.filter.testing;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * A scripted OpenID provider for tests of provider input: discovery and a JWKS on 127.0.0.1 (free port), and a
 * signer for any token the test writes, with the published key or with another one under the same key id.
 */
public final class ScriptedIssuer implements AutoCloseable {

    private final HttpServer http;
    private final String issuer;
    private final RSAKey key;
    private final RSAKey impostor;

    public ScriptedIssuer() throws Exception {
        key = new RSAKeyGenerator(2048).keyID("k1").generate();
        impostor = new RSAKeyGenerator(2048).keyID("k1").generate();
        http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        issuer = "http://127.0.0.1:" + http.getAddress().getPort();
        String discovery = "{\"issuer\":\"" + issuer + "\",\"authorization_endpoint\":\"" + issuer + "/authorize\","
                + "\"token_endpoint\":\"" + issuer + "/token\",\"jwks_uri\":\"" + issuer + "/jwks\","
                + "\"response_types_supported\":[\"code\"],\"subject_types_supported\":[\"public\"],"
                + "\"id_token_signing_alg_values_supported\":[\"RS256\"]}";
        serve("/.well-known/openid-configuration", discovery);
        serve("/jwks", new JWKSet(key.toPublicJWK()).toString());
        http.start();
    }

    private void serve(String path, String json) {
        http.createContext(path, exchange -> {
            byte[] body = json.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (var out = exchange.getResponseBody()) {
                out.write(body);
            } catch (IOException ignored) {
                // the client went away
            }
        });
    }

    public String issuer() {
        return issuer;
    }

    /** {@code claims} signed RS256 with the published key, header {@code typ} as given (null: none). */
    public String sign(JWTClaimsSet claims, String typ) throws Exception {
        return sign(claims, typ, key);
    }

    /** Signed with a key the JWKS does not hold, under the published key id. */
    public String signWithImpostorKey(JWTClaimsSet claims) throws Exception {
        return sign(claims, "logout+jwt", impostor);
    }

    private static String sign(JWTClaimsSet claims, String typ, RSAKey with) throws Exception {
        JWSHeader.Builder h = new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(with.getKeyID());
        if (typ != null) {
            h.type(new JOSEObjectType(typ));
        }
        SignedJWT jwt = new SignedJWT(h.build(), claims);
        jwt.sign(new RSASSASigner(with));
        return jwt.serialize();
    }

    @Override
    public void close() {
        http.stop(0);
    }
}
