package com.meshagent.filter.admin;

import java.util.List;

/**
 * The caller's role in a project, {@code GET /accounts/projects/{id}/role} →
 * {@code {"role": "admin"|"member", "permissions": [...]}} (meshagent-protocol.md §5.5).
 */
public record CallerRole(String role, List<String> permissions) {

    public CallerRole {
        permissions = permissions == null ? List.of() : List.copyOf(permissions);
    }

    public boolean isAdmin() {
        return "admin".equals(role);
    }
}
