package com.meshagent.devserver.rooms;

import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jose.util.JSONObjectUtils;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Mints participant tokens exactly as docs/meshagent-protocol.md §4 describes: header {"alg":"HS256","typ":"JWT"},
 * payload {name, grants, sub, kid, version[, exp]}, HMAC-SHA256 keyed by the UTF-8 secret part of the API key.
 * Computed with the JDK's Mac so that secrets shorter than 256 bits work as they do in the SDKs.
 */
public final class TestTokens {

    private TestTokens() {
    }

    /** The §4.5 payload for {@code name} in {@code room}, with the given api scope, and {@code exp} unless null. */
    public static Map<String, Object> claims(String name, String room, Map<String, Object> api, Long exp,
            String projectId, String keyId) {
        List<Object> grants = new ArrayList<>();
        if (room != null) {
            grants.add(Map.of("name", "room", "scope", room));
        }
        grants.add(Map.of("name", "role", "scope", "user"));
        if (api != null) {
            grants.add(Map.of("name", "api", "scope", api));
        }
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("name", name);
        claims.put("grants", grants);
        claims.put("sub", projectId);
        claims.put("kid", keyId);
        claims.put("version", "0.50.1");
        if (exp != null) {
            claims.put("exp", exp);
        }
        return claims;
    }

    /** Default api scope with messaging and llm. */
    public static Map<String, Object> messagingAndLlm() {
        return Map.of("messaging", Map.of(), "llm", Map.of(), "storage", Map.of());
    }

    public static String hs256(Map<String, Object> claims, String secret) {
        return sign("{\"alg\":\"HS256\",\"typ\":\"JWT\"}", claims, secret);
    }

    public static String sign(String headerJson, Map<String, Object> claims, String secret) {
        String signingInput = Base64URL.encode(headerJson.getBytes(StandardCharsets.UTF_8)) + "."
                + Base64URL.encode(JSONObjectUtils.toJSONString(claims).getBytes(StandardCharsets.UTF_8));
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return signingInput + "." + Base64URL.encode(mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An API key split as docs/meshagent-protocol.md §3 describes. */
    public record ParsedApiKey(String keyId, String projectId, String secret) {
        @Override
        public String toString() {
            return "ParsedApiKey[keyId=" + keyId + ", projectId=" + projectId + ", secret=<redacted>]";
        }
    }

    /** {@code ma-<kidB64>-<projB64>-<secret>}: split on the first two '-', '.' stands for '-' in the base64url ids. */
    public static ParsedApiKey parseApiKey(String value) {
        if (!value.startsWith("ma-")) {
            throw new IllegalArgumentException("not a MeshAgent API key (no ma- prefix)");
        }
        String rest = value.substring(3);
        int first = rest.indexOf('-');
        int second = rest.indexOf('-', first + 1);
        if (first < 0 || second < 0) {
            throw new IllegalArgumentException("API key lacks its id and project segments");
        }
        return new ParsedApiKey(uuid(rest.substring(0, first)), uuid(rest.substring(first + 1, second)),
                rest.substring(second + 1));
    }

    private static String uuid(String segment) {
        byte[] raw = java.util.Base64.getUrlDecoder().decode(segment.replace('.', '-'));
        if (raw.length != 16) {
            throw new IllegalArgumentException("API key id segment is not 16 bytes");
        }
        java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(raw);
        return new java.util.UUID(b.getLong(), b.getLong()).toString();
    }

    /** An unsecured ("alg":"none") token carrying {@code claims}. */
    public static String unsecured(Map<String, Object> claims) {
        return Base64URL.encode("{\"alg\":\"none\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + Base64URL.encode(JSONObjectUtils.toJSONString(claims).getBytes(StandardCharsets.UTF_8)) + ".";
    }
}
