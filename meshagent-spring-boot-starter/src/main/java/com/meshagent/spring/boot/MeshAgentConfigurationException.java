package com.meshagent.spring.boot;

/**
 * A {@code meshagent.*} setting the filter refused at start-up. {@link #property()} names it; the message is the
 * filter's, which never quotes a secret. Reported by {@link MeshAgentFailureAnalyzer}.
 */
public class MeshAgentConfigurationException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String property;

    public MeshAgentConfigurationException(String property, String message) {
        super(message);
        this.property = property;
    }

    /** The setting at fault, e.g. {@code meshagent.redirect-uri}. */
    public String property() {
        return property;
    }
}
