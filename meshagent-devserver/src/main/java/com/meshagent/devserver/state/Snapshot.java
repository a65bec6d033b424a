package com.meshagent.devserver.state;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The durable state of a devserver, as one immutable value: the project, its users, members, API keys,
 * OAuth clients and external OAuth registrations, the bootstrap client's secret (so a restarted server
 * can print it again) and the id_token signing key. Every change produces a new snapshot
 * ({@link AccountsState} writes it to disk before it becomes visible).
 */
public record Snapshot(String projectId, String adminEmail, Map<String, User> users, Map<String, Set<String>> members,
        Map<String, ApiKey> apiKeys, Map<String, OAuthClient> clients, Map<String, ExternalRegistration> registrations,
        String bootstrapClientId, String bootstrapClientSecret, String bootstrapApiKeyId, String signingKeyJwk) {

    public Snapshot {
        Objects.requireNonNull(projectId, "projectId");
        users = frozen(users);
        members = frozen(members);
        apiKeys = frozen(apiKeys);
        clients = frozen(clients);
        registrations = frozen(registrations);
    }

    private static <K, V> Map<K, V> frozen(Map<K, V> m) {
        return Collections.unmodifiableMap(new LinkedHashMap<>(m));
    }

    private static <K, V> Map<K, V> with(Map<K, V> m, Consumer<Map<K, V>> change) {
        Map<K, V> copy = new LinkedHashMap<>(m);
        change.accept(copy);
        return copy;
    }

    public Optional<User> userByEmail(String email) {
        String wanted = email.toLowerCase(Locale.ROOT);
        return users.values().stream().filter(u -> u.email().toLowerCase(Locale.ROOT).equals(wanted)).findFirst();
    }

    public Snapshot withUser(User u) {
        return new Snapshot(projectId, adminEmail, with(users, m -> m.put(u.id(), u)), members, apiKeys, clients,
                registrations, bootstrapClientId, bootstrapClientSecret, bootstrapApiKeyId, signingKeyJwk);
    }

    public Snapshot withMember(String userId, Set<String> permissions) {
        return new Snapshot(projectId, adminEmail, users, with(members, m -> m.put(userId, Set.copyOf(permissions))),
                apiKeys, clients, registrations, bootstrapClientId, bootstrapClientSecret, bootstrapApiKeyId,
                signingKeyJwk);
    }

    public Snapshot withoutMember(String userId) {
        return new Snapshot(projectId, adminEmail, users, with(members, m -> m.remove(userId)), apiKeys, clients,
                registrations, bootstrapClientId, bootstrapClientSecret, bootstrapApiKeyId, signingKeyJwk);
    }

    public Snapshot withClient(OAuthClient c) {
        return new Snapshot(projectId, adminEmail, users, members, apiKeys, with(clients, m -> m.put(c.clientId(), c)),
                registrations, bootstrapClientId, bootstrapClientSecret, bootstrapApiKeyId, signingKeyJwk);
    }

    public Snapshot withoutClient(String clientId) {
        return new Snapshot(projectId, adminEmail, users, members, apiKeys, with(clients, m -> m.remove(clientId)),
                registrations, bootstrapClientId, bootstrapClientSecret, bootstrapApiKeyId, signingKeyJwk);
    }

    public Snapshot withRegistration(ExternalRegistration r) {
        return new Snapshot(projectId, adminEmail, users, members, apiKeys, clients,
                with(registrations, m -> m.put(r.id(), r)), bootstrapClientId, bootstrapClientSecret,
                bootstrapApiKeyId, signingKeyJwk);
    }

    public Snapshot withoutRegistration(String id) {
        return new Snapshot(projectId, adminEmail, users, members, apiKeys, clients,
                with(registrations, m -> m.remove(id)), bootstrapClientId, bootstrapClientSecret, bootstrapApiKeyId,
                signingKeyJwk);
    }

    @Override
    public String toString() {
        return "Snapshot[projectId=" + projectId + ", users=" + users.size() + ", clients=" + clients.size()
                + ", apiKeys=" + apiKeys.size() + ", registrations=" + registrations.size() + "]";
    }
}
