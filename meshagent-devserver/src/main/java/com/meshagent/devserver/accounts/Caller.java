package com.meshagent.devserver.accounts;

import com.meshagent.devserver.state.User;
import java.util.Set;

/**
 * Who is calling the accounts REST API: a project API key (acting as a project admin) or a user with an
 * OAuth access token.
 */
public sealed interface Caller {

    /** The effective project permissions. */
    Set<String> permissions();

    record ApiKeyCaller(String keyId, String projectId, Set<String> permissions) implements Caller {}

    record UserCaller(User user, String clientId, Set<String> scopes, Set<String> permissions) implements Caller {}
}
