package com.meshagent.sample;

import com.nimbusds.jose.util.JSONObjectUtils;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks MeshAgent's LLM proxy ({@code POST {api}/openai/v1/chat/completions}, docs/meshagent-protocol.md §9) one
 * question on behalf of the signed-in user: the user's OAuth access token as the bearer credential (it
 * must carry the {@code llm_proxy} / {@code llm:invoke} scope) and the {@code Meshagent-Project-Id} header.
 * The token only ever travels in the Authorization header and is never logged.
 */
public final class LlmProxy {

    /** What came back. */
    public sealed interface Reply {}

    /** The model's answer. */
    public record Answer(String text, String model) implements Reply {}

    /** The proxy refused this user (403): typically the user lacks the {@code can_use_llm_proxy} permission. */
    public record NotAllowed(String detail) implements Reply {}

    /** The access token was not accepted (401): signing in again helps. */
    public record SignInAgain() implements Reply {}

    /** Anything else: proxy unreachable, 5xx, unreadable answer. {@code detail} is safe to show. */
    public record Failed(String detail) implements Reply {}

    private static final Logger LOG = LoggerFactory.getLogger(LlmProxy.class);
    private static final int MAX_RESPONSE_BYTES = 512 * 1024;
    private static final int MAX_DETAIL_CHARS = 300;

    private final URI completionsUri;
    private final String projectId;
    private final String model;
    private final HttpClient http;

    public LlmProxy(URI apiUrl, String projectId, String model) {
        String base = apiUrl.toString().replaceAll("/+$", "");
        this.completionsUri = URI.create(base + "/openai/v1/chat/completions");
        this.projectId = Objects.requireNonNull(projectId, "projectId");
        this.model = Objects.requireNonNull(model, "model");
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** Sends {@code prompt} as a single user message. Never throws for HTTP or parse failures. */
    public Reply ask(String accessToken, String prompt) {
        String body = JSONObjectUtils.toJSONString(Map.of(
                "model", model,
                "messages", List.of(Map.of("role", "user", "content", prompt))));
        HttpRequest request = HttpRequest.newBuilder(completionsUri)
                .timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + accessToken)
                .header("Meshagent-Project-Id", projectId)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .build();
        try {
            HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            String text;
            try (InputStream in = response.body()) {
                text = new String(in.readNBytes(MAX_RESPONSE_BYTES), StandardCharsets.UTF_8);
            }
            return interpret(response.statusCode(), text);
        } catch (IOException e) {
            LOG.warn("LLM proxy at {} unreachable: {}", completionsUri, e.getClass().getSimpleName());
            return new Failed("The LLM proxy could not be reached.");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Failed("Interrupted while waiting for the LLM proxy.");
        }
    }

    static Reply interpret(int status, String body) {
        if (status == 401) {
            return new SignInAgain();
        }
        if (status == 403) {
            return new NotAllowed(errorMessage(body));
        }
        if (status / 100 != 2) {
            LOG.warn("LLM proxy answered HTTP {}", status);
            return new Failed("The LLM proxy answered HTTP " + status + ": " + errorMessage(body));
        }
        try {
            Map<String, Object> json = JSONObjectUtils.parse(body);
            List<Object> choices = JSONObjectUtils.getJSONArray(json, "choices");
            if (choices == null || choices.isEmpty() || !(choices.get(0) instanceof Map<?, ?> choice)
                    || !(choice.get("message") instanceof Map<?, ?> message)
                    || !(message.get("content") instanceof String content)) {
                return new Failed("The LLM proxy's answer had no message content.");
            }
            Object model = json.get("model");
            return new Answer(content, model instanceof String m ? m : "");
        } catch (ParseException e) {
            return new Failed("The LLM proxy's answer was not JSON.");
        }
    }

    /** The {@code error.message} (OpenAI style), {@code detail} or {@code error} of an error body, shortened. */
    private static String errorMessage(String body) {
        String detail = null;
        try {
            Map<String, Object> json = JSONObjectUtils.parse(body);
            Object error = json.get("error");
            if (error instanceof Map<?, ?> e && e.get("message") instanceof String m) {
                detail = m;
            } else if (json.get("detail") instanceof String d) {
                detail = d;
            } else if (json.get("message") instanceof String m) {
                detail = m;
            } else if (error instanceof String s) {
                detail = s;
            }
        } catch (ParseException | RuntimeException e) {
            detail = null;
        }
        if (detail == null || detail.isBlank()) {
            return "no details given";
        }
        return detail.length() > MAX_DETAIL_CHARS ? detail.substring(0, MAX_DETAIL_CHARS) + "…" : detail;
    }
}
