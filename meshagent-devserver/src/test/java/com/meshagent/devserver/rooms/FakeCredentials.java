package com.meshagent.devserver.rooms;

import com.meshagent.devserver.tokens.Credentials;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** An in-memory {@link Credentials} for tests of the room and LLM endpoints. */
public final class FakeCredentials implements Credentials {

    public static final String PROJECT = "0f1e2d3c-4b5a-6978-90ab-cdef12345678";
    public static final String KEY_ID = "123e4567-e89b-12d3-a456-426614174000";
    /** Shorter than 256 bits on purpose: MeshAgent secrets are not guaranteed to be long (see the verifier). */
    public static final String SECRET = "s3cr3t-with-dashes";
    public static final String API_KEY = "ma-Ej5FZ.ibEtOkVkJmFBdAAA-Dx4tPEtaaXiQq83vEjRWeA-" + SECRET;

    private final Map<String, ApiKeyInfo> keys = new ConcurrentHashMap<>();
    private final Map<String, ApiKeyInfo> keysByValue = new ConcurrentHashMap<>();
    private final Map<String, AccessTokenInfo> accessTokens = new ConcurrentHashMap<>();
    private final Map<String, Set<String>> permissions = new ConcurrentHashMap<>();

    public FakeCredentials() {
        addKey(PROJECT, KEY_ID, SECRET, API_KEY);
    }

    public FakeCredentials addKey(String project, String keyId, String secret, String value) {
        ApiKeyInfo info = new ApiKeyInfo(project, keyId, secret);
        keys.put(project + "/" + keyId, info);
        keysByValue.put(value, info);
        return this;
    }

    public FakeCredentials revokeKey(String project, String keyId) {
        ApiKeyInfo removed = keys.remove(project + "/" + keyId);
        keysByValue.values().remove(removed);
        return this;
    }

    public FakeCredentials addAccessToken(String token, AccessTokenInfo info) {
        accessTokens.put(token, info);
        return this;
    }

    public FakeCredentials setPermissions(String project, String userId, Set<String> perms) {
        permissions.put(project + "/" + userId, Set.copyOf(perms));
        return this;
    }

    @Override
    public Optional<ApiKeyInfo> apiKey(String projectId, String keyId) {
        return Optional.ofNullable(keys.get(projectId + "/" + keyId));
    }

    @Override
    public Optional<ApiKeyInfo> apiKeyByValue(String value) {
        return Optional.ofNullable(keysByValue.get(value));
    }

    @Override
    public Optional<AccessTokenInfo> accessToken(String token) {
        return Optional.ofNullable(accessTokens.get(token));
    }

    @Override
    public Set<String> permissions(String projectId, String userId) {
        return permissions.getOrDefault(projectId + "/" + userId, Set.of());
    }
}
