package com.meshagent.devserver;

import com.meshagent.devserver.accounts.Authenticator;
import com.meshagent.devserver.oauth.Scopes;
import com.meshagent.devserver.oauth.TokenService;
import com.meshagent.devserver.tokens.Credentials;
import com.meshagent.devserver.state.AccountsState;
import com.meshagent.devserver.state.ApiKey;
import com.meshagent.devserver.state.User;
import java.util.Optional;
import java.util.Set;

/** {@link Credentials} over the devserver's accounts state and live OAuth tokens. */
record DevCredentials(AccountsState accounts, TokenService tokens, Authenticator auth) implements Credentials {

    @Override
    public Optional<ApiKeyInfo> apiKey(String projectId, String keyId) {
        if (projectId == null || keyId == null) {
            return Optional.empty();
        }
        ApiKey key = accounts.snapshot().apiKeys().get(keyId);
        if (key == null || !key.projectId().equals(projectId)) {
            return Optional.empty();
        }
        return Optional.of(info(key));
    }

    @Override
    public Optional<ApiKeyInfo> apiKeyByValue(String value) {
        return auth.apiKey(value).map(DevCredentials::info);
    }

    @Override
    public Optional<AccessTokenInfo> accessToken(String token) {
        return tokens.access(token).flatMap(grant -> {
            User user = accounts.snapshot().users().get(grant.userId());
            if (user == null || !accounts.snapshot().clients().containsKey(grant.clientId())) {
                return Optional.empty();
            }
            return Optional.of(new AccessTokenInfo(user.id(), user.email(), grant.clientId(),
                    accounts.snapshot().projectId(), Scopes.normalised(grant.scopes())));
        });
    }

    @Override
    public Set<String> permissions(String projectId, String userId) {
        if (projectId == null || !projectId.equals(accounts.snapshot().projectId())) {
            return Set.of();
        }
        return accounts.permissions(userId);
    }

    private static ApiKeyInfo info(ApiKey k) {
        return new ApiKeyInfo(k.projectId(), k.id(), k.secret());
    }
}
