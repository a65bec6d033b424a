package com.meshagent.devserver.accounts;

import com.meshagent.devserver.http.ApiError;
import com.meshagent.devserver.http.Call;
import com.meshagent.devserver.http.Reply;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code GET /accounts/profiles/me} and {@code GET /accounts/whoami} (docs/meshagent-protocol.md §2.5). */
public record ProfileEndpoints(Authenticator auth) {

    public Reply me(Call call) {
        Caller caller = auth.require(call);
        if (!(caller instanceof Caller.UserCaller user)) {
            throw ApiError.forbidden("an API key has no user profile; use /accounts/whoami");
        }
        return Reply.ok(user.user().profile());
    }

    public Reply whoami(Call call) {
        Caller caller = auth.require(call);
        Map<String, Object> body = new LinkedHashMap<>();
        if (caller instanceof Caller.UserCaller user) {
            body.put("id", user.user().id());
            body.put("email", user.user().email());
            body.put("type", "user");
            body.put("user", user.user().profile());
        } else if (caller instanceof Caller.ApiKeyCaller key) {
            body.put("id", key.keyId());
            body.put("email", null);
            body.put("type", "service_account");
            body.put("service_account", Map.of("id", key.keyId(), "project_id", key.projectId()));
        }
        return Reply.ok(body);
    }
}
