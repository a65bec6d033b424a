package com.meshagent.filter.admin;

import com.meshagent.filter.internal.json.Json;
import java.util.List;
import java.util.Map;

/**
 * MeshAgent's REST API answered an error, or could not be reached ({@link #status()} 0). The subclasses
 * follow the SDKs' mapping (docs/meshagent-protocol.md §5.1): 400 {@link Validation}, 401/403
 * {@link PermissionDenied}, 404 {@link NotFound}, 409 {@link Conflict}, 5xx {@link ServerError}; any other
 * status is this class. {@link #serverMessage()} is what the server said (its {@code error.message},
 * {@code error_description}, {@code message} or {@code error}, else the raw body, shortened).
 */
public class MeshAgentApiException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private static final int MAX_MESSAGE = 300;

    /** The HTTP status, or 0 when no response arrived. */
    private final int status;
    /** What the server said, or why the call failed. */
    private final String serverMessage;

    /**
     * A failed {@code operation}; the exception message names all three.
     *
     * @param operation     what was attempted, e.g. {@code "create OAuth client (POST /accounts/...)"}
     * @param status        the HTTP status, or 0 when no response arrived
     * @param serverMessage what the server said, or why the call failed; must hold no secret
     */
    public MeshAgentApiException(String operation, int status, String serverMessage) {
        super(operation + (status == 0 ? " failed: " : " answered HTTP " + status + ": ") + serverMessage);
        this.status = status;
        this.serverMessage = serverMessage;
    }

    /** {@return the HTTP status, or 0 when no response arrived} */
    public int status() { return status; }

    /** {@return what the server said (at most 300 characters), or why the call failed} */
    public String serverMessage() { return serverMessage; }

    /** Maps a status to the matching subclass. */
    static MeshAgentApiException of(String operation, int status, String message) {
        return switch (status) {
            case 400, 422 -> new Validation(operation, status, message);
            case 401, 403 -> new PermissionDenied(operation, status, message);
            case 404 -> new NotFound(operation, message);
            case 409 -> new Conflict(operation, message);
            default -> status >= 500 && status <= 599 ? new ServerError(operation, status, message)
                    : new MeshAgentApiException(operation, status, message);
        };
    }

    /** 400 (and 422): the request was invalid. */
    public static final class Validation extends MeshAgentApiException {
        private static final long serialVersionUID = 1L;

        Validation(String operation, int status, String message) {
            super(operation, status, message);
        }
    }

    /** 401/403: the credential is missing, wrong, or lacks the permission. */
    public static final class PermissionDenied extends MeshAgentApiException {
        private static final long serialVersionUID = 1L;

        PermissionDenied(String operation, int status, String message) {
            super(operation, status, message);
        }
    }

    /** 404: no such project, client, room or registration. */
    public static final class NotFound extends MeshAgentApiException {
        private static final long serialVersionUID = 1L;

        NotFound(String operation, String message) {
            super(operation, 404, message);
        }
    }

    /** 409: conflicts with the current state. */
    public static final class Conflict extends MeshAgentApiException {
        private static final long serialVersionUID = 1L;

        Conflict(String operation, String message) {
            super(operation, 409, message);
        }
    }

    /** 5xx: MeshAgent failed. */
    public static final class ServerError extends MeshAgentApiException {
        private static final long serialVersionUID = 1L;

        ServerError(String operation, int status, String message) {
            super(operation, status, message);
        }
    }

    /**
     * The server's message from an error body: {@code error.message} (the one shape an SDK parses,
     * docs/meshagent-protocol.md §5.1),
     * {@code error_description}, {@code message}, {@code detail}, a string {@code error}, else the raw text;
     * at most 300 characters.
     */
    @SuppressWarnings("unchecked")
    static String messageOf(String body) {
        if (body == null || body.isBlank()) {
            return "(no body)";
        }
        try {
            Map<String, Object> m = Json.parseObject(body);
            if (m.get("error") instanceof Map<?, ?> e && ((Map<String, Object>) e).get("message") instanceof String s) {
                return shorten(s);
            }
            for (String key : List.of("error_description", "message", "detail", "error")) {
                if (m.get(key) instanceof String s) {
                    return shorten(s);
                }
            }
        } catch (IllegalArgumentException e) {
            // not a JSON object: fall through to the raw text
        }
        return shorten(body.strip());
    }

    private static String shorten(String s) {
        return s.length() <= MAX_MESSAGE ? s : s.substring(0, MAX_MESSAGE) + "...";
    }
}
