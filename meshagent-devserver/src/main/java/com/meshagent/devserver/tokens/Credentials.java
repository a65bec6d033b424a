package com.meshagent.devserver.tokens;

import java.util.Optional;
import java.util.Set;

/**
 * What the room websocket and the LLM proxy stand-in need to know about credentials, implemented by the
 * devserver's state (accounts, API keys, OAuth tokens). Kept as one small seam so those endpoints can be
 * tested with a fake and wired to the real state in {@code DevServer}.
 */
public interface Credentials {

    /** An API key as the server knows it. {@code secret} is the HS256 key material of participant tokens. */
    record ApiKeyInfo(String projectId, String keyId, String secret) {
        @Override
        public String toString() {
            return "ApiKeyInfo[projectId=" + projectId + ", keyId=" + keyId + ", secret=<redacted>]";
        }
    }

    /** A live (unexpired, unrevoked) OAuth access token: who it is for, in which project, with which scopes. */
    record AccessTokenInfo(String userId, String email, String clientId, String projectId, Set<String> scopes) {}

    /** The API key with id {@code keyId} in project {@code projectId}, if it exists and is not revoked. */
    Optional<ApiKeyInfo> apiKey(String projectId, String keyId);

    /** The API key whose full {@code ma-...} value is {@code value}, if it exists and is not revoked. */
    Optional<ApiKeyInfo> apiKeyByValue(String value);

    /** The access token {@code token}, if it is live. Scope names are normalised to MeshAgent's colon style. */
    Optional<AccessTokenInfo> accessToken(String token);

    /** The project permissions of user {@code userId} in {@code projectId} (e.g. "admin", "can_use_llm_proxy"). */
    Set<String> permissions(String projectId, String userId);
}
