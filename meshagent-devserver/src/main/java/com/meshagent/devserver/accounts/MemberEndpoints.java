package com.meshagent.devserver.accounts;

import com.meshagent.devserver.http.ApiError;
import com.meshagent.devserver.http.Call;
import com.meshagent.devserver.http.Reply;
import com.meshagent.devserver.state.AccountsState;
import com.meshagent.devserver.state.Permissions;
import com.meshagent.devserver.state.Snapshot;
import com.meshagent.devserver.state.User;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Project members and their permissions, {@code /accounts/projects/{project_id}/members[/{user_id or email}]}
 * (admins only), and {@code GET /accounts/projects/{project_id}/role}: the caller's own role as
 * {@code {"role": "admin"|"member", "permissions": [...]}}. The last admin cannot be demoted or removed
 * (409), so a project always has someone who can manage it.
 */
public record MemberEndpoints(ProjectAccess access, AccountsState accounts) {

    public Reply role(Call call) {
        Caller caller = access.member(call);
        Set<String> perms = new TreeSet<>(caller.permissions());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("role", perms.contains(Permissions.ADMIN) ? "admin" : "member");
        out.put("permissions", new ArrayList<>(perms));
        return Reply.ok(out);
    }

    public Reply list(Call call) {
        access.with(call, Permissions.ADMIN);
        Snapshot s = accounts.snapshot();
        List<Object> members = new ArrayList<>();
        s.members().forEach((id, perms) -> {
            User u = s.users().get(id);
            if (u != null) {
                members.add(json(u, perms));
            }
        });
        return Reply.ok(Map.of("members", members, "total", members.size()));
    }

    public Reply get(Call call) {
        access.with(call, Permissions.ADMIN);
        User u = user(call).orElseThrow(() -> ApiError.notFound("no such member"));
        Set<String> perms = accounts.snapshot().members().get(u.id());
        if (perms == null) {
            throw ApiError.notFound("no such member");
        }
        return Reply.ok(json(u, perms));
    }

    /** Body {@code {"permissions": [...]}}; adds the member (creating the user for an unknown email). */
    public Reply put(Call call) throws Exception {
        access.with(call, Permissions.ADMIN);
        Map<String, Object> body = call.jsonObject();
        JsonBody.onlyKeys(body, Set.of("permissions"), "member");
        List<String> perms = JsonBody.strings(body, "permissions", 20);
        if (perms == null) {
            throw ApiError.badRequest("missing_field", "permissions is required");
        }
        for (String p : perms) {
            if (!Permissions.KNOWN.contains(p)) {
                throw ApiError.badRequest("unknown_permission", "unknown permission; known: " + new TreeSet<>(Permissions.KNOWN));
            }
        }
        Set<String> granted = new LinkedHashSet<>(perms);
        Optional<User> existing = user(call);
        if (existing.isEmpty()) {
            String email = call.pathParam("member");
            if (!email.contains("@") || !com.meshagent.devserver.oauth.AuthorizeEndpoint.validEmail(email)) {
                throw ApiError.notFound("no such user; add a new member by email address");
            }
            User u = accounts.setMember(email, granted);
            return Reply.ok(json(u, granted));
        }
        User u = existing.get();
        accounts.update(s -> {
            if (!granted.contains(Permissions.ADMIN)) {
                refuseIfLastAdmin(s, u.id());
            }
            return s.withMember(u.id(), granted);
        });
        return Reply.ok(json(u, granted));
    }

    public Reply delete(Call call) {
        access.with(call, Permissions.ADMIN);
        User u = user(call).filter(x -> accounts.snapshot().members().containsKey(x.id()))
                .orElseThrow(() -> ApiError.notFound("no such member"));
        accounts.update(s -> {
            refuseIfLastAdmin(s, u.id());
            return s.withoutMember(u.id());
        });
        return Reply.empty(204);
    }

    private static void refuseIfLastAdmin(Snapshot s, String userId) {
        Map<String, Set<String>> members = s.members();
        boolean isAdmin = members.getOrDefault(userId, Set.of()).contains(Permissions.ADMIN);
        long admins = members.values().stream().filter(p -> p.contains(Permissions.ADMIN)).count();
        if (isAdmin && admins <= 1) {
            throw new ApiError(409, "last_admin", "the project's last admin cannot be demoted or removed");
        }
    }

    private Optional<User> user(Call call) {
        String key = call.pathParam("member");
        Snapshot s = accounts.snapshot();
        User byId = s.users().get(key);
        return byId != null ? Optional.of(byId) : key.contains("@") ? s.userByEmail(key) : Optional.empty();
    }

    private static Map<String, Object> json(User u, Set<String> granted) {
        Set<String> effective = new TreeSet<>(Permissions.effective(granted));
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("user_id", u.id());
        m.put("email", u.email());
        m.put("first_name", u.firstName());
        m.put("last_name", u.lastName());
        m.put("role", effective.contains(Permissions.ADMIN) ? "admin" : "member");
        m.put("permissions", new ArrayList<>(effective));
        return m;
    }
}
