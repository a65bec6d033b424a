package com.meshagent.filter.admin;

import java.util.List;

/**
 * The caller's role in a project, {@code GET /accounts/projects/{id}/role} →
 * {@code {"role": "admin"|"member", "permissions": [...]}} (docs/meshagent-protocol.md §5.5).
 *
 * @param role        {@code admin} or {@code member}
 * @param permissions the caller's permissions in the project, e.g. {@code oauth_client_manager}
 */
public record CallerRole(String role, List<String> permissions) {

    /**
     * Copies the permissions; {@code null} reads as none.
     *
     * @param role        {@code admin} or {@code member}
     * @param permissions the caller's permissions, or {@code null}
     */
    public CallerRole {
        permissions = permissions == null ? List.of() : List.copyOf(permissions);
    }

    /**
     * Whether the caller administers the project.
     *
     * @return true for the {@code admin} role
     */
    public boolean isAdmin() {
        return "admin".equals(role);
    }
}
