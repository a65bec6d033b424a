package com.meshagent.filter.internal.oauth;

import com.meshagent.filter.cluster.RefreshCoordinator;
import com.meshagent.filter.internal.session.TokenSet;
import com.meshagent.filter.internal.json.Json;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * A refresh-token grant behind a {@link RefreshCoordinator}: the outcome is shared with other nodes sealed with
 * AES-256-GCM under a key derived (HMAC-SHA256) from the old refresh token, so whatever stores it holds no
 * readable token, and only a request that holds the old refresh token can open it. Transient failures are not
 * shared. Sits behind {@link SingleFlightRefresher}, which runs one of these per refresh token on this node.
 */
public final class CoordinatedRefresh implements Function<TokenSet, RefreshResult> {

    private static final byte[] KEY_LABEL = "meshagent-filter refresh outcome v1".getBytes(StandardCharsets.UTF_8);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final RefreshCoordinator coordinator;
    private final Function<TokenSet, RefreshResult> refresh;

    public CoordinatedRefresh(RefreshCoordinator coordinator, Function<TokenSet, RefreshResult> refresh) {
        this.coordinator = coordinator;
        this.refresh = refresh;
    }

    @Override
    public RefreshResult apply(TokenSet current) {
        String refreshToken = current.refreshToken();
        AtomicReference<RefreshResult> mine = new AtomicReference<>();
        Optional<byte[]> outcome = coordinator.redeemOnce(SingleFlightRefresher.fingerprint(refreshToken), () -> {
            RefreshResult r = refresh.apply(current);
            mine.set(r);
            return r instanceof RefreshResult.Unavailable ? Optional.empty() : Optional.of(seal(r, refreshToken));
        });
        if (mine.get() != null) {
            return mine.get();
        }
        return outcome.map(sealed -> open(sealed, current))
                .orElse(new RefreshResult.Unavailable("refresh coordinator returned no outcome"));
    }

    static byte[] seal(RefreshResult result, String refreshToken) {
        Map<String, Object> json = new LinkedHashMap<>();
        if (result instanceof RefreshResult.Refreshed r) {
            TokenSet t = r.tokens();
            json.put("access_token", t.accessToken());
            json.put("refresh_token", t.refreshToken());
            json.put("expires_at", t.expiresAt().toEpochMilli());
            json.put("scope", t.scope());
        } else {
            json.put("rejected", ((RefreshResult.Rejected) result).error());
        }
        byte[] plain = Json.write(json).getBytes(StandardCharsets.UTF_8);
        byte[] iv = new byte[12];
        RANDOM.nextBytes(iv);
        try {
            Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
            gcm.init(Cipher.ENCRYPT_MODE, key(refreshToken), new GCMParameterSpec(128, iv));
            byte[] sealed = gcm.doFinal(plain);
            return ByteBuffer.allocate(iv.length + sealed.length).put(iv).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM unavailable", e);
        }
    }

    /**
     * Another node's outcome for the grant of {@code current}. The sign-in's ID token is not shared: it is
     * {@code current}'s, the same sign-in, and later refreshed ID tokens are held to it.
     */
    static RefreshResult open(byte[] sealed, TokenSet current) {
        try {
            Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
            gcm.init(Cipher.DECRYPT_MODE, key(current.refreshToken()), new GCMParameterSpec(128, sealed, 0, 12));
            String plain = new String(gcm.doFinal(sealed, 12, sealed.length - 12), StandardCharsets.UTF_8);
            Map<String, Object> json = Json.parseObject(plain);
            String rejected = Json.string(json, "rejected");
            if (rejected != null) {
                return new RefreshResult.Rejected(rejected);
            }
            return new RefreshResult.Refreshed(new TokenSet(Json.string(json, "access_token"),
                    Json.string(json, "refresh_token"), Instant.ofEpochMilli(((Number) json.get("expires_at")).longValue()),
                    Json.string(json, "scope"), current.signInIdToken()));
        } catch (GeneralSecurityException | RuntimeException e) {
            return new RefreshResult.Unavailable("stored refresh outcome unreadable: " + e.getClass().getSimpleName());
        }
    }

    private static SecretKeySpec key(String refreshToken) throws GeneralSecurityException {
        Mac hmac = Mac.getInstance("HmacSHA256");
        hmac.init(new SecretKeySpec(refreshToken.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return new SecretKeySpec(hmac.doFinal(KEY_LABEL), "AES");
    }
}
