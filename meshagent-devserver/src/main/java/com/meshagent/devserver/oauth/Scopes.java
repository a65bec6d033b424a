package com.meshagent.devserver.oauth;

import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Scope names and MeshAgent's compatibility aliases (the mapping is inferred, see
 * {@link com.meshagent.devserver.protocol.InferredBehaviour#SCOPE_ALIASES}).
 */
public final class Scopes {
    /** Legacy name to current colon-style name. */
    static final Map<String, String> ALIASES = com.meshagent.devserver.protocol.InferredBehaviour.SCOPE_ALIASES;

    /** Scopes of the devserver's bootstrap OAuth client: the seed names and MeshAgent's colon-style ones. */
    public static final String BOOTSTRAP =
            "openid profile email offline_access llm_proxy profile:read rooms:connect llm:invoke";

    private Scopes() {}

    /** Splits a space-separated scope string (empty for null/blank). */
    public static List<String> parse(String scope) {
        if (scope == null || scope.isBlank()) {
            return List.of();
        }
        return List.copyOf(new LinkedHashSet<>(Arrays.asList(scope.trim().split("\\s+"))));
    }

    public static String join(Collection<String> scopes) {
        return String.join(" ", scopes);
    }

    public static String normalise(String scope) {
        return ALIASES.getOrDefault(scope, scope);
    }

    /** Every name normalised to the colon style (see the class comment). */
    public static Set<String> normalised(Collection<String> scopes) {
        Set<String> out = new LinkedHashSet<>();
        for (String s : scopes) {
            out.add(normalise(s));
        }
        return Set.copyOf(out);
    }

    /** Whether every requested scope is allowed, comparing normalised names. */
    public static boolean allowed(Collection<String> requested, Collection<String> allowed) {
        return normalised(allowed).containsAll(normalised(requested));
    }

    /** Whether the set carries the LLM proxy scope under either name. */
    public static boolean hasLlm(Collection<String> scopes) {
        return normalised(scopes).contains("llm:invoke");
    }

    /** Scope tokens are printable ASCII except space, quote and backslash (RFC 6749 §3.3). */
    public static boolean wellFormed(String scope) {
        if (scope.isEmpty() || scope.length() > 128) {
            return false;
        }
        for (int i = 0; i < scope.length(); i++) {
            char c = scope.charAt(i);
            if (c < 0x21 || c > 0x7e || c == '"' || c == '\\') {
                return false;
            }
        }
        return true;
    }
}
