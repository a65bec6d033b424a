package com.meshagent.devserver.llm;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The three provider endpoints the stand-in serves, each with its request reading and its native response and
 * error shapes (OpenAI Chat Completions, OpenAI Responses, Anthropic Messages).
 */
enum ProviderApi {
    OPENAI_CHAT_COMPLETIONS(Provider.OPENAI, "/openai/v1/chat/completions"),
    OPENAI_RESPONSES(Provider.OPENAI, "/openai/v1/responses"),
    ANTHROPIC_MESSAGES(Provider.ANTHROPIC, "/anthropic/v1/messages");

    /** Prefix of every reply, so nobody mistakes the echo for a model's answer. */
    static final String LABEL = "[meshagent-devserver local stand-in] You said: ";

    private final Provider provider;
    private final String path;

    ProviderApi(Provider provider, String path) {
        this.provider = provider;
        this.path = path;
    }

    Provider provider() {
        return provider;
    }

    static Optional<ProviderApi> forPath(String path) {
        String p = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        for (ProviderApi api : values()) {
            if (api.path.equals(p)) {
                return Optional.of(api);
            }
        }
        return Optional.empty();
    }

    /** A successful body or an error. */
    record Answer(Map<String, Object> body, LlmError error) {
    }

    enum Provider {
        OPENAI("/openai/"),
        ANTHROPIC("/anthropic/");

        private final String prefix;

        Provider(String prefix) {
            this.prefix = prefix;
        }

        static Optional<Provider> forPrefix(String path) {
            for (Provider p : values()) {
                if (path.startsWith(p.prefix)) {
                    return Optional.of(p);
                }
            }
            return Optional.empty();
        }

        /** The provider's error body: OpenAI {@code {error:{message,type,param,code}}}, Anthropic {@code {type:"error",error:{type,message}}}. */
        LlmError error(int status, String reason, String message) {
            String type = switch (status) {
                case 401 -> "authentication_error";
                case 403 -> "permission_error";
                case 404 -> "not_found_error";
                case 413 -> this == ANTHROPIC ? "request_too_large" : "invalid_request_error";
                default -> "invalid_request_error";
            };
            Map<String, Object> error = new LinkedHashMap<>();
            if (this == OPENAI) {
                error.put("message", message);
                error.put("type", type);
                error.put("param", null);
                error.put("code", reason);
                return new LlmError(status, reason, Map.of("error", error));
            }
            error.put("type", type);
            error.put("message", message);
            return new LlmError(status, reason, Map.of("type", "error", "error", error));
        }
    }

    /** Reads the request and builds the deterministic reply. */
    Answer answer(Map<String, Object> request, Instant now) {
        if (!(request.get("model") instanceof String model) || model.isBlank()) {
            return new Answer(null, provider.error(400, "missing_model", "model is required"));
        }
        if (Boolean.TRUE.equals(request.get("stream"))) {
            return new Answer(null, provider.error(400, "streaming_unsupported",
                    "the local stand-in does not stream; send stream=false"));
        }
        Optional<String> said = switch (this) {
            case OPENAI_CHAT_COMPLETIONS, ANTHROPIC_MESSAGES -> lastUserText(request.get("messages"));
            case OPENAI_RESPONSES -> request.get("input") instanceof String s ? Optional.of(s)
                    : lastUserText(request.get("input"));
        };
        if (said.isEmpty()) {
            return new Answer(null, provider.error(400, "no_user_message", switch (this) {
                case OPENAI_RESPONSES -> "input must be a string or contain a user message with text";
                default -> "messages must contain a user message with text";
            }));
        }
        String text = LABEL + said.get();
        int inTokens = words(said.get());
        int outTokens = words(text);
        String id = UUID.randomUUID().toString().replace("-", "");
        Map<String, Object> body = new LinkedHashMap<>();
        switch (this) {
            case OPENAI_CHAT_COMPLETIONS -> {
                Map<String, Object> message = new LinkedHashMap<>();
                message.put("role", "assistant");
                message.put("content", text);
                message.put("refusal", null);
                Map<String, Object> choice = new LinkedHashMap<>();
                choice.put("index", 0);
                choice.put("message", message);
                choice.put("logprobs", null);
                choice.put("finish_reason", "stop");
                body.put("id", "chatcmpl-" + id);
                body.put("object", "chat.completion");
                body.put("created", now.getEpochSecond());
                body.put("model", model);
                body.put("choices", List.of(choice));
                body.put("usage", Map.of("prompt_tokens", inTokens, "completion_tokens", outTokens,
                        "total_tokens", inTokens + outTokens));
            }
            case OPENAI_RESPONSES -> {
                Map<String, Object> content = new LinkedHashMap<>();
                content.put("type", "output_text");
                content.put("text", text);
                content.put("annotations", List.of());
                Map<String, Object> item = new LinkedHashMap<>();
                item.put("type", "message");
                item.put("id", "msg_" + id);
                item.put("status", "completed");
                item.put("role", "assistant");
                item.put("content", List.of(content));
                body.put("id", "resp_" + id);
                body.put("object", "response");
                body.put("created_at", now.getEpochSecond());
                body.put("status", "completed");
                body.put("model", model);
                body.put("output", List.of(item));
                body.put("usage", Map.of("input_tokens", inTokens, "output_tokens", outTokens,
                        "total_tokens", inTokens + outTokens));
            }
            case ANTHROPIC_MESSAGES -> {
                body.put("id", "msg_" + id);
                body.put("type", "message");
                body.put("role", "assistant");
                body.put("model", model);
                body.put("content", List.of(Map.of("type", "text", "text", text)));
                body.put("stop_reason", "end_turn");
                body.put("stop_sequence", null);
                body.put("usage", Map.of("input_tokens", inTokens, "output_tokens", outTokens));
            }
        }
        return new Answer(body, null);
    }

    /**
     * Text of the last {@code role: "user"} entry: its {@code content} as a string, or the joined {@code text} of
     * its parts ({@code text}, {@code input_text}).
     */
    private static Optional<String> lastUserText(Object messages) {
        if (!(messages instanceof List<?> list)) {
            return Optional.empty();
        }
        for (int i = list.size() - 1; i >= 0; i--) {
            if (list.get(i) instanceof Map<?, ?> m && "user".equals(m.get("role"))) {
                Object content = m.get("content");
                if (content instanceof String s && !s.isEmpty()) {
                    return Optional.of(s);
                }
                if (content instanceof List<?> parts) {
                    List<String> texts = new ArrayList<>();
                    for (Object part : parts) {
                        if (part instanceof Map<?, ?> p && p.get("text") instanceof String t
                                && ("text".equals(p.get("type")) || "input_text".equals(p.get("type")))) {
                            texts.add(t);
                        }
                    }
                    if (!texts.isEmpty()) {
                        return Optional.of(String.join("\n", texts));
                    }
                }
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    private static int words(String s) {
        String t = s.strip();
        return t.isEmpty() ? 0 : t.split("\\s+").length;
    }
}
