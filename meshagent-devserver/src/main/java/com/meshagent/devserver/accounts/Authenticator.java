package com.meshagent.devserver.accounts;

import com.meshagent.devserver.http.ApiError;
import com.meshagent.devserver.http.Call;
import com.meshagent.devserver.oauth.Scopes;
import com.meshagent.devserver.oauth.TokenService;
import com.meshagent.devserver.state.AccountsState;
import com.meshagent.devserver.state.ApiKey;
import com.meshagent.devserver.state.ApiKeyFormat;
import com.meshagent.devserver.state.Permissions;
import com.meshagent.devserver.state.Secrets;
import com.meshagent.devserver.state.User;
import java.util.Optional;
import java.util.Set;

/** Resolves {@code Authorization: Bearer} to a {@link Caller}: an {@code ma-} API key or a live access token. */
public record Authenticator(AccountsState accounts, TokenService tokens) {

    /** The caller, or 401 when the credential is missing, unknown or expired. */
    public Caller require(Call call) {
        String credential = call.bearer().orElseThrow(
                () -> ApiError.unauthorized("an Authorization: Bearer API key or access token is required"));
        return resolve(credential).orElseThrow(() -> ApiError.unauthorized("the credential is unknown or expired"));
    }

    public Optional<Caller> resolve(String credential) {
        if (credential.startsWith(ApiKeyFormat.PREFIX)) {
            return apiKey(credential).map(k -> new Caller.ApiKeyCaller(k.id(), k.projectId(),
                    Permissions.effective(Set.of(Permissions.ADMIN))));
        }
        return tokens.access(credential).flatMap(grant -> {
            if (!accounts.snapshot().clients().containsKey(grant.clientId())) {
                return Optional.empty();
            }
            User user = accounts.snapshot().users().get(grant.userId());
            if (user == null) {
                return Optional.empty();
            }
            return Optional.of(new Caller.UserCaller(user, grant.clientId(), Scopes.normalised(grant.scopes()),
                    accounts.permissions(user.id())));
        });
    }

    /** The stored key whose full value is {@code value} (compared in constant time). */
    public Optional<ApiKey> apiKey(String value) {
        return ApiKeyFormat.parse(value).flatMap(parts -> {
            ApiKey key = accounts.snapshot().apiKeys().get(parts.keyId());
            if (key == null || !key.projectId().equals(parts.projectId()) || !Secrets.equal(key.secret(), parts.secret())) {
                return Optional.empty();
            }
            return Optional.of(key);
        });
    }
}
