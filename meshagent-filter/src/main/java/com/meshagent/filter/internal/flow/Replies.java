package com.meshagent.filter.internal.flow;

import java.util.Map;

/** Builds error answers that suit the request: problem+json for scripts, a small page for browsers. */
final class Replies {

    /** The detail of a 503 when the access token could not be renewed: the sign-in is kept. */
    static final String RENEWAL_UNAVAILABLE =
            "You are still signed in, but MeshAgent could not be reached to renew your access. Please retry.";

    private Replies() {}

    /** An error whose page leads back into the application (the context root), so a refusal is never a dead end. */
    static Outcome error(Exchange ex, int status, Reason reason, String title, String detail) {
        return error(ex, status, reason, title, detail, Map.of());
    }

    /** The same, with {@code extra} members in the problem document. */
    static Outcome error(Exchange ex, int status, Reason reason, String title, String detail, Map<String, Object> extra) {
        if (RequestKind.wantsJson(ex)) {
            return new Outcome.Problem(status, reason, title, detail, extra);
        }
        return new Outcome.Page(status, title, detail, ex.contextPath() + "/", "Back to the application");
    }

    static Outcome errorWithRetry(Exchange ex, int status, Reason reason, String title, String detail, String retryHref,
            String retryText) {
        if (RequestKind.wantsJson(ex)) {
            return new Outcome.Problem(status, reason, title, detail, Map.of("retry_url", retryHref));
        }
        return new Outcome.Page(status, title, detail, retryHref, retryText);
    }
}
