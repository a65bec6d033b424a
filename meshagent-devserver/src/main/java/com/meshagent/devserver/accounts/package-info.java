/**
 * The accounts REST API (docs/meshagent-protocol.md §5, §7, §8): profiles, OAuth clients, external OAuth
 * registrations, members and roles, participant tokens. Callers are resolved from {@code Authorization: Bearer}
 * by {@link com.meshagent.devserver.accounts.Authenticator}; project checks are in
 * {@link com.meshagent.devserver.accounts.ProjectAccess}.
 */
package com.meshagent.devserver.accounts;
