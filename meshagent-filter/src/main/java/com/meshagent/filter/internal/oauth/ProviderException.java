package com.meshagent.filter.internal.oauth;

/** The provider could not be used (unreachable, or its metadata was refused). The message holds no secret. */
public final class ProviderException extends Exception {

    private static final long serialVersionUID = 1L;

    private final String reason;

    public ProviderException(String reason, String message) {
        super(message);
        this.reason = reason;
    }

    /** A stable reason code for the problem document. */
    public String reason() {
        return reason;
    }
}
