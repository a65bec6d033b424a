package com.meshagent.spring.boot;

import java.util.Locale;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns a refused {@code meshagent.*} setting into Spring Boot's start-up report naming the property. */
class MeshAgentFailureAnalyzer extends AbstractFailureAnalyzer<MeshAgentConfigurationException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, MeshAgentConfigurationException cause) {
        String property = cause.property();
        String env = property.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
        return new FailureAnalysis("The MeshAgent setting '" + property + "' is not valid: " + cause.getMessage(),
                "Correct '" + property + "' in application.properties / application.yml, or the environment variable "
                        + env + ". The README's Configuration table lists every meshagent.* setting.",
                cause);
    }
}
