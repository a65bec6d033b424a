package com.meshagent.devserver.accounts;

import com.meshagent.devserver.http.ApiError;
import com.meshagent.devserver.http.Call;
import com.meshagent.devserver.state.AccountsState;

/** Authentication plus the project checks every {@code /accounts/projects/{project_id}/...} route makes. */
public record ProjectAccess(Authenticator auth, AccountsState accounts) {

    /**
     * The caller, who must be authenticated (401), address this server's project (404 otherwise, so project
     * ids are not confirmed to outsiders) and be a member of it (403).
     */
    public Caller member(Call call) {
        Caller caller = auth.require(call);
        if (!call.pathParam("project_id").equals(accounts.snapshot().projectId())) {
            throw ApiError.notFound("no such project");
        }
        if (caller instanceof Caller.UserCaller u && !accounts.snapshot().members().containsKey(u.user().id())) {
            throw ApiError.forbidden("the caller is not a member of this project");
        }
        return caller;
    }

    /** {@link #member} holding {@code permission} (403 otherwise). */
    public Caller with(Call call, String permission) {
        Caller caller = member(call);
        if (!caller.permissions().contains(permission)) {
            throw ApiError.forbidden("this needs the project permission " + permission);
        }
        return caller;
    }
}
