package com.meshagent.spring.boot;

/**
 * A {@code meshagent.*} setting the filter refused at start-up. {@link #property()} names it; the message and the
 * cause are the filter's, whose messages never quote a secret. Reported by {@link MeshAgentFailureAnalyzer}.
 */
public class MeshAgentConfigurationException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String property;

    /** {@code cause} is the filter's refusal; its message becomes this one's. */
    public MeshAgentConfigurationException(String property, RuntimeException cause) {
        super(cause.getMessage(), cause);
        this.property = property;
    }

    /** The setting at fault, e.g. {@code meshagent.redirect-uri}. */
    public String property() {
        return property;
    }
}
