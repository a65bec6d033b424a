package com.meshagent.filter.internal.flow;

import com.meshagent.filter.MeshAgentUser;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What a handler decided; {@code OutcomeWriter} turns it into an HTTP response in one place. Every case but
 * {@link Continue} is an answer of the filter itself and is sent with {@code Cache-Control: no-store}.
 */
public sealed interface Outcome {

    /** Let the request through to the application, as {@code user} (or anonymously when {@code null}). */
    record Continue(MeshAgentUser user) implements Outcome {}

    /** A redirect; {@code location} is built by us and never holds a secret. */
    record Redirect(int status, String location) implements Outcome {
        public Redirect {
            Objects.requireNonNull(location, "location");
            if (status != 302 && status != 303) {
                throw new IllegalArgumentException("redirect status must be 302 or 303: " + status);
            }
        }
    }

    /** A JSON document ({@code application/json}), already written: {@code text} is what the client gets. */
    record Json(int status, String text) implements Outcome {
        public Json {
            Objects.requireNonNull(text, "text");
        }

        /** Writes {@code body} (String, Number, Boolean, null, Map, List) as compact JSON, members in its order. */
        public Json(int status, Map<String, ?> body) {
            this(status, com.meshagent.filter.internal.json.Json.write(body));
        }

        /** Never the text: a room token's answer holds the participant token. */
        @Override
        public String toString() {
            return "Json[status=" + status + ", " + text.length() + " characters]";
        }
    }

    /**
     * An RFC 9457 problem document with a stable {@code reason} code; {@code extra} members (e.g.
     * {@code login_url}) are added to it. Browser navigations get the same content as a small HTML page.
     */
    record Problem(int status, Reason reason, String title, String detail, Map<String, Object> extra) implements Outcome {
        public Problem {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(title, "title");
            extra = extra == null ? Map.of() : new LinkedHashMap<>(extra);
        }

        public Problem(int status, Reason reason, String title, String detail) {
            this(status, reason, title, detail, Map.of());
        }
    }

    /**
     * A {@code 405}: {@code answer} (a problem document or a page, whichever suits the request) sent with the
     * {@code Allow} header naming the methods the endpoint takes, as HTTP requires of every 405.
     */
    record MethodNotAllowed(String allow, Outcome answer) implements Outcome {
        public MethodNotAllowed {
            Objects.requireNonNull(allow, "allow");
            Objects.requireNonNull(answer, "answer");
        }
    }

    /**
     * A small HTML page. {@code title} and {@code message} are plain text (escaped when written);
     * {@code linkHref}/{@code linkText} a same-origin link on, e.g. "sign in again" or back to the application:
     * every page the filter shows has one, so no answer is a dead end.
     */
    record Page(int status, String title, String message, String linkHref, String linkText) implements Outcome {
        public Page {
            Objects.requireNonNull(title, "title");
            Objects.requireNonNull(message, "message");
            Objects.requireNonNull(linkHref, "linkHref");
            Objects.requireNonNull(linkText, "linkText");
        }
    }
}
