package com.meshagent.devserver.llm;

import com.meshagent.devserver.tokens.Credentials;
import com.meshagent.devserver.tokens.ParticipantTokenVerifier;
import com.meshagent.devserver.tokens.ParticipantTokenVerifier.InvalidParticipantTokenException;
import com.meshagent.devserver.tokens.ParticipantTokenVerifier.VerifiedParticipantToken;
import com.nimbusds.jose.util.JSONObjectUtils;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The LLM proxy stand-in (docs/meshagent-protocol.md §9): {@code POST /openai/v1/chat/completions},
 * {@code /openai/v1/responses} and {@code /anthropic/v1/messages}, gated like the hosted proxy, answering in each
 * provider's native shape with a deterministic local reply (an echo of the last user message, labelled as the
 * stand-in). Nothing leaves the machine.
 *
 * <p>Credentials ({@code Authorization: Bearer} or {@code x-api-key}):
 * <ul>
 *   <li>an OAuth access token: needs scope {@code llm:invoke} (alias {@code llm_proxy}), a
 *       {@code Meshagent-Project-Id} header equal to the token's project, and a user holding
 *       {@code can_use_llm_proxy} or {@code admin} in that project;</li>
 *   <li>a participant token: needs a {@code room} grant and an {@code api} grant with {@code llm};</li>
 *   <li>a project API key ({@code ma-...}).</li>
 * </ul>
 * Refusals: 401 no or unknown credential, 403 missing scope / header / permission / grant, 400 malformed request,
 * 404 other paths under the provider prefixes, 405 wrong method, 413 body over {@link #MAX_BODY_BYTES}; bodies in
 * the provider's error shape.
 */
public final class LlmProxy extends Handler.Abstract {

    private static final Logger LOG = LoggerFactory.getLogger(LlmProxy.class);

    /** Largest request body accepted. */
    public static final int MAX_BODY_BYTES = 1024 * 1024;
    /** Header naming the project an OAuth-token call is billed to (§9); matched case-insensitively. */
    public static final String PROJECT_HEADER = "Meshagent-Project-Id";
    static final Set<String> LLM_SCOPES = Set.of("llm:invoke", "llm_proxy");
    static final Set<String> LLM_PERMISSIONS = Set.of("can_use_llm_proxy", "admin");

    private final Credentials credentials;
    private final Clock clock;

    /** A proxy that checks participant-token expiry against the system clock. */
    public LlmProxy(Credentials credentials) {
        this(credentials, Clock.systemUTC());
    }

    public LlmProxy(Credentials credentials, Clock clock) {
        super(InvocationType.BLOCKING);
        this.credentials = Objects.requireNonNull(credentials, "credentials");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        String path = Request.getPathInContext(request);
        Optional<ProviderApi> api = ProviderApi.forPath(path);
        if (api.isEmpty()) {
            Optional<ProviderApi.Provider> provider = ProviderApi.Provider.forPrefix(path);
            if (provider.isEmpty()) {
                return false;
            }
            write(response, callback, provider.get().error(404, "not_found", "the meshagent-devserver LLM stand-in "
                    + "serves only /openai/v1/chat/completions, /openai/v1/responses and /anthropic/v1/messages"));
            return true;
        }
        ProviderApi endpoint = api.get();
        ProviderApi.Provider provider = endpoint.provider();
        if (!HttpMethod.POST.is(request.getMethod())) {
            response.getHeaders().put(HttpHeader.ALLOW, "POST");
            write(response, callback, provider.error(405, "method_not_allowed", "use POST"));
            return true;
        }
        // A body just over the cap is read (up to the cap + 1) so the client can finish sending and read the 413;
        // one announced as far larger is refused at once and Jetty closes the connection.
        long declared = request.getLength();
        if (declared > 8L * MAX_BODY_BYTES) {
            write(response, callback, provider.error(413, "request_too_large",
                    "request body exceeds " + MAX_BODY_BYTES + " bytes"));
            return true;
        }
        byte[] body;
        try {
            body = readAtMost(Request.asInputStream(request), MAX_BODY_BYTES);
        } catch (IOException e) {
            write(response, callback, provider.error(400, "unreadable_body", "the request body could not be read"));
            return true;
        }
        if (body == null) {
            write(response, callback, provider.error(413, "request_too_large",
                    "request body exceeds " + MAX_BODY_BYTES + " bytes"));
            return true;
        }
        // Authorized only after the body is read: a refusal sent while the client is still sending made Jetty
        // drop the connection, which a pooling client (java.net.http) then reused and saw fail.
        Optional<LlmError> refused = authorize(request, provider);
        if (refused.isPresent()) {
            LOG.info("LLM stand-in refused {} {}: {}", request.getMethod(), path, refused.get().reason());
            write(response, callback, refused.get());
            return true;
        }
        Map<String, Object> json;
        try {
            json = JSONObjectUtils.parse(new String(body, StandardCharsets.UTF_8));
        } catch (ParseException e) {
            write(response, callback, provider.error(400, "malformed_json", "the request body is not a JSON object"));
            return true;
        }
        write(response, callback, endpoint.answer(json, clock.instant()));
        return true;
    }

    /** Empty when the caller may use the proxy; otherwise the refusal. */
    private Optional<LlmError> authorize(Request request, ProviderApi.Provider provider) {
        String credential = credential(request);
        if (credential == null) {
            return Optional.of(provider.error(401, "missing_credential",
                    "send an OAuth access token, participant token or API key as Authorization: Bearer"
                            + (provider == ProviderApi.Provider.ANTHROPIC ? " or x-api-key" : "")));
        }
        Optional<Credentials.AccessTokenInfo> access = credentials.accessToken(credential);
        if (access.isPresent()) {
            return authorizeAccessToken(request, provider, access.get());
        }
        if (credential.startsWith("ma-")) {
            return credentials.apiKeyByValue(credential).isPresent() ? Optional.empty()
                    : Optional.of(provider.error(401, "unknown_api_key", "the API key is unknown or revoked"));
        }
        VerifiedParticipantToken token;
        try {
            token = ParticipantTokenVerifier.verify(credential, credentials, clock);
        } catch (InvalidParticipantTokenException e) {
            boolean notAToken = e.failure() == ParticipantTokenVerifier.Failure.MALFORMED;
            return Optional.of(provider.error(401, notAToken ? "unknown_credential" : "invalid_participant_token",
                    notAToken ? "the credential is not a live access token, participant token or API key"
                            : e.getMessage()));
        }
        if (token.room() == null) {
            return Optional.of(provider.error(403, "missing_room_grant",
                    "the participant token has no room grant; the LLM proxy needs a room grant and api.llm"));
        }
        if (token.apiGrant("llm").isEmpty()) {
            return Optional.of(provider.error(403, "missing_llm_grant",
                    "the participant token's api grant lacks llm; the LLM proxy needs api.llm"));
        }
        return Optional.empty();
    }

    private Optional<LlmError> authorizeAccessToken(Request request, ProviderApi.Provider provider,
            Credentials.AccessTokenInfo token) {
        if (token.scopes().stream().noneMatch(LLM_SCOPES::contains)) {
            return Optional.of(provider.error(403, "missing_scope",
                    "the access token lacks the llm:invoke scope (alias llm_proxy)"));
        }
        String project = request.getHeaders().get(PROJECT_HEADER);
        if (project == null || project.isBlank()) {
            return Optional.of(provider.error(403, "missing_project_header",
                    "an OAuth access token needs the " + PROJECT_HEADER + " header"));
        }
        if (!project.trim().equals(token.projectId())) {
            return Optional.of(provider.error(403, "project_mismatch",
                    "the " + PROJECT_HEADER + " header does not name the access token's project"));
        }
        Set<String> permissions = credentials.permissions(token.projectId(), token.userId());
        if (permissions.stream().noneMatch(LLM_PERMISSIONS::contains)) {
            return Optional.of(provider.error(403, "missing_permission",
                    "the user lacks the can_use_llm_proxy permission in the project"));
        }
        return Optional.empty();
    }

    private static String credential(Request request) {
        String authorization = request.getHeaders().get(HttpHeader.AUTHORIZATION);
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)
                && !authorization.substring(7).isBlank()) {
            return authorization.substring(7).trim();
        }
        String apiKey = request.getHeaders().get("x-api-key");
        return apiKey == null || apiKey.isBlank() ? null : apiKey.trim();
    }

    /** The body, or null when it is longer than {@code max}. */
    private static byte[] readAtMost(InputStream in, int max) throws IOException {
        try (in) {
            byte[] bytes = in.readNBytes(max + 1);
            return bytes.length > max ? null : bytes;
        }
    }

    private static void write(Response response, Callback callback, LlmError error) {
        if (error.status() == 401) {
            response.getHeaders().put(HttpHeader.WWW_AUTHENTICATE, "Bearer realm=\"meshagent-devserver\"");
        }
        write(response, callback, error.status(), error.body());
    }

    private static void write(Response response, Callback callback, int status, Map<String, Object> body) {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        response.write(true, ByteBuffer.wrap(JSONObjectUtils.toJSONString(body).getBytes(StandardCharsets.UTF_8)),
                callback);
    }

    private static void write(Response response, Callback callback, ProviderApi.Answer answer) {
        if (answer.error() != null) {
            write(response, callback, answer.error());
        } else {
            write(response, callback, 200, answer.body());
        }
    }
}
