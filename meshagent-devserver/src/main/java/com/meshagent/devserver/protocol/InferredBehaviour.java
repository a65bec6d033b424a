package com.meshagent.devserver.protocol;

import java.time.Duration;
import java.util.Map;

/**
 * Every place where the devserver had to choose behaviour that MeshAgent's public sources do not confirm
 * (marked [I] inferred or [U] unknown in docs/meshagent-protocol.md). The code uses these constants, so a
 * change learnt from a live server is made here. The room websocket's choices live in
 * {@code rooms.InferredProtocol}.
 */
public final class InferredBehaviour {
    private InferredBehaviour() {}

    /** §2.4 [U]: access-token lifetime. The CLI assumes 3600 s when {@code expires_in} is missing. */
    public static final Duration ACCESS_TOKEN_LIFETIME = Duration.ofHours(1);

    /** §2.4 [U]: refresh-token lifetime (none is published); rotation on by default, RFC 9700 §4.14.2. */
    public static final Duration REFRESH_TOKEN_LIFETIME = Duration.ofDays(30);

    /** RFC 6749 §4.1.2 recommends at most 10 minutes; the brief fixes 60 s. */
    public static final Duration AUTHORIZATION_CODE_LIFETIME = Duration.ofSeconds(60);

    /** How long a rendered sign-in form stays usable. */
    public static final Duration SIGN_IN_FORM_LIFETIME = Duration.ofMinutes(10);

    /**
     * §2.6 [C that aliases exist, I for the mapping]: legacy scope names to MeshAgent's colon-style names.
     * {@code openid}, {@code email}, {@code offline_access} are not MeshAgent scopes and stay as they are.
     */
    public static final Map<String, String> SCOPE_ALIASES = Map.of(
            "profile", "profile:read",
            "llm_proxy", "llm:invoke",
            "create_rooms", "rooms:create",
            "connect_room", "rooms:connect");

    /** §2.2 [I]: a missing {@code code_challenge_method} means S256 (flutter-auth omits it). */
    public static final String DEFAULT_CODE_CHALLENGE_METHOD = "S256";

    /** §4.2 [C that it is the SDK version]: the {@code version} claim written into minted participant tokens. */
    public static final String PARTICIPANT_TOKEN_VERSION = "0.50.1";

    /** §5.2 [U]: expiry of participant tokens minted over REST (SDKs mint none by default; we always set one). */
    public static final Duration MINTED_PARTICIPANT_TOKEN_LIFETIME = Duration.ofHours(1);

    /**
     * §5.1 [U]: REST error bodies. The only shape an SDK parses is {@code {"error": {"message": ...}}} (for
     * 423); the devserver uses it for every REST error and adds a stable {@code code}.
     */
    public static final String REST_ERROR_SHAPE = "{\"error\": {\"message\": ..., \"code\": ...}}";

    /** §5.4 [U]: status of a refused participant token at the validate endpoint. */
    public static final int INVALID_PARTICIPANT_TOKEN_STATUS = 401;

    /** §7 [I]: create answers 201 with the client unwrapped (SDKs accept it wrapped in {"client": ...} too). */
    public static final int CREATED_STATUS = 201;
}
