package com.meshagent.filter.internal.oauth;

/**
 * The parameters of a callback to the redirect URI, each single-valued or {@code null}. {@code code} is a
 * secret and is redacted from {@link #toString()}.
 */
public record Callback(String state, String code, String error, String errorDescription, String iss) {
    @Override
    public String toString() {
        return "Callback[state=" + (state == null ? "<none>" : "<present>") + ", code=" + (code == null ? "<none>" : "<redacted>")
                + ", error=" + error + ", iss=" + iss + "]";
    }
}
