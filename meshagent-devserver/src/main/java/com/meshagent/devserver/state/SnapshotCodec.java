package com.meshagent.devserver.state;

import com.nimbusds.jose.util.JSONObjectUtils;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/** {@link Snapshot} to and from the JSON of the data file ({@code state.json}, format version 1). */
final class SnapshotCodec {
    static final int VERSION = 1;

    private SnapshotCodec() {}

    static String toJson(Snapshot s) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("version", VERSION);
        root.put("project_id", s.projectId());
        root.put("admin_email", s.adminEmail());
        root.put("bootstrap_client_id", s.bootstrapClientId());
        root.put("bootstrap_client_secret", s.bootstrapClientSecret());
        root.put("bootstrap_api_key_id", s.bootstrapApiKeyId());
        root.put("signing_key", s.signingKeyJwk());
        root.put("users", array(s.users(), User::profile));
        Map<String, Object> members = new LinkedHashMap<>();
        s.members().forEach((id, perms) -> members.put(id, new ArrayList<>(perms)));
        root.put("members", members);
        root.put("api_keys", array(s.apiKeys(), k -> JsonObjects.ordered("id", k.id(),
                "name", k.name() == null ? "" : k.name(), "secret", k.secret())));
        root.put("clients", array(s.clients(), c -> {
            Map<String, Object> m = c.registration();
            m.put("secret_sha256", c.secretHash());
            return m;
        }));
        root.put("registrations", array(s.registrations(),
                r -> JsonObjects.ordered("id", r.id(), "room_name", r.roomName(), "body", r.body())));
        return JSONObjectUtils.toJSONString(root);
    }

    static Snapshot fromJson(String json) throws ParseException {
        Map<String, Object> root = JSONObjectUtils.parse(json);
        long version = JSONObjectUtils.getLong(root, "version");
        if (version != VERSION) {
            throw new ParseException("unsupported state file version " + version, 0);
        }
        String projectId = JSONObjectUtils.getString(root, "project_id");
        Map<String, User> users = byId(root, "users", m -> new User(JSONObjectUtils.getString(m, "id"),
                JSONObjectUtils.getString(m, "email"), JSONObjectUtils.getString(m, "first_name"),
                JSONObjectUtils.getString(m, "last_name")), User::id);
        Map<String, Set<String>> members = new LinkedHashMap<>();
        Map<String, Object> rawMembers = JSONObjectUtils.getJSONObject(root, "members");
        for (String id : rawMembers.keySet()) {
            members.put(id, new LinkedHashSet<>(JSONObjectUtils.getStringList(rawMembers, id)));
        }
        Map<String, ApiKey> keys = byId(root, "api_keys", m -> new ApiKey(JSONObjectUtils.getString(m, "id"), projectId,
                JSONObjectUtils.getString(m, "name"), JSONObjectUtils.getString(m, "secret")), ApiKey::id);
        Map<String, OAuthClient> clients = byId(root, "clients", SnapshotCodec::client, OAuthClient::clientId);
        Map<String, ExternalRegistration> regs = byId(root, "registrations",
                m -> new ExternalRegistration(JSONObjectUtils.getString(m, "id"), JSONObjectUtils.getString(m, "room_name"),
                        JSONObjectUtils.getJSONObject(m, "body")), ExternalRegistration::id);
        return new Snapshot(projectId, JSONObjectUtils.getString(root, "admin_email"), users, members, keys, clients,
                regs, JSONObjectUtils.getString(root, "bootstrap_client_id"),
                JSONObjectUtils.getString(root, "bootstrap_client_secret"),
                JSONObjectUtils.getString(root, "bootstrap_api_key_id"),
                JSONObjectUtils.getString(root, "signing_key"));
    }

    private static OAuthClient client(Map<String, Object> m) throws ParseException {
        Map<String, String> metadata = new LinkedHashMap<>();
        JSONObjectUtils.getJSONObject(m, "metadata").forEach((k, v) -> metadata.put(k, String.valueOf(v)));
        return new OAuthClient(JSONObjectUtils.getString(m, "client_id"),
                JSONObjectUtils.getString(m, "secret_sha256"), JSONObjectUtils.getStringList(m, "grant_types"),
                JSONObjectUtils.getStringList(m, "response_types"), JSONObjectUtils.getStringList(m, "redirect_uris"),
                JSONObjectUtils.getString(m, "scope"), metadata, JSONObjectUtils.getBoolean(m, "official"),
                JSONObjectUtils.getString(m, "backchannel_logout_uri"));
    }

    /** The values of {@code byId} as a JSON array of objects, in map order. */
    private static <T> List<Map<String, Object>> array(Map<String, T> byId, Function<T, Map<String, Object>> object) {
        return byId.values().stream().map(object).toList();
    }

    /** The objects of the JSON array {@code name}, each read by {@code read} and keyed by {@code id}, in file order. */
    private static <T> Map<String, T> byId(Map<String, Object> root, String name, Reader<T> read, Function<T, String> id)
            throws ParseException {
        Map<String, T> out = new LinkedHashMap<>();
        for (Map<String, Object> m : JSONObjectUtils.getJSONObjectArray(root, name)) {
            T item = read.from(m);
            out.put(id.apply(item), item);
        }
        return out;
    }

    /** Reads one JSON object of the data file. */
    private interface Reader<T> {
        T from(Map<String, Object> object) throws ParseException;
    }
}
