package com.meshagent.devserver.tokens;

import com.meshagent.devserver.state.ApiKey;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;

/**
 * Signs participant tokens the way MeshAgent's SDKs do (docs/meshagent-protocol.md §4.1–4.2): header
 * {@code {"alg":"HS256","typ":"JWT"}} without {@code kid}; HMAC key = UTF-8 bytes of the API key's secret
 * part; payload {@code name}, {@code grants}, {@code sub} (project id), {@code kid} (API key id),
 * {@code version}, {@code exp}.
 */
public final class ParticipantTokenMinter {
    /** See {@link com.meshagent.devserver.protocol.InferredBehaviour#PARTICIPANT_TOKEN_VERSION}. */
    public static final String TOKEN_VERSION = com.meshagent.devserver.protocol.InferredBehaviour.PARTICIPANT_TOKEN_VERSION;

    private ParticipantTokenMinter() {}

    public static String mint(ApiKey key, String name, List<Map<String, Object>> grants, Instant expiresAt) {
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .claim("name", name)
                .claim("grants", grants)
                .claim("sub", key.projectId())
                .claim("kid", key.id())
                .claim("version", TOKEN_VERSION)
                .expirationTime(Date.from(expiresAt))
                .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).type(JOSEObjectType.JWT).build(), claims);
        try {
            jwt.sign(new MACSigner(key.secret().getBytes(StandardCharsets.UTF_8)));
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign a participant token with API key " + key.id()
                    + " (its secret must be at least 256 bits)", e);
        }
        return jwt.serialize();
    }
}
