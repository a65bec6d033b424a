package com.meshagent.devserver.state;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Project permissions the devserver knows. MeshAgent's own role model is richer
 * (docs/meshagent-protocol.md §7, roles such as {@code oauth_client_manager}); these are the ones the
 * devserver enforces.
 */
public final class Permissions {
    /** Everything; implies {@link #CAN_USE_LLM_PROXY}. */
    public static final String ADMIN = "admin";
    /** May call the LLM proxy with an OAuth token and create clients carrying the llm scope. */
    public static final String CAN_USE_LLM_PROXY = "can_use_llm_proxy";
    /** May create, update and delete OAuth clients (admins may too). */
    public static final String OAUTH_CLIENT_MANAGER = "oauth_client_manager";
    /** May mint participant tokens over REST (admins may too). */
    public static final String PARTICIPANT_TOKEN_CREATOR = "participant_token_creator";

    public static final Set<String> KNOWN = Set.of(ADMIN, CAN_USE_LLM_PROXY, OAUTH_CLIENT_MANAGER, PARTICIPANT_TOKEN_CREATOR);

    private Permissions() {}

    /** The granted set plus what {@code admin} implies. */
    public static Set<String> effective(Set<String> granted) {
        Set<String> out = new LinkedHashSet<>(granted);
        if (out.contains(ADMIN)) {
            out.add(CAN_USE_LLM_PROXY);
            out.add(OAUTH_CLIENT_MANAGER);
            out.add(PARTICIPANT_TOKEN_CREATOR);
        }
        return Set.copyOf(out);
    }
}
