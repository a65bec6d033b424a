package com.meshagent.devserver.state;

import com.nimbusds.jose.util.JSONObjectUtils;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

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
        List<Object> users = new ArrayList<>();
        for (User u : s.users().values()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", u.id());
            m.put("email", u.email());
            m.put("first_name", u.firstName());
            m.put("last_name", u.lastName());
            users.add(m);
        }
        root.put("users", users);
        Map<String, Object> members = new LinkedHashMap<>();
        s.members().forEach((id, perms) -> members.put(id, new ArrayList<>(perms)));
        root.put("members", members);
        List<Object> keys = new ArrayList<>();
        for (ApiKey k : s.apiKeys().values()) {
            keys.add(new LinkedHashMap<>(Map.of("id", k.id(), "name", k.name() == null ? "" : k.name(),
                    "secret", k.secret())));
        }
        root.put("api_keys", keys);
        List<Object> clients = new ArrayList<>();
        for (OAuthClient c : s.clients().values()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("client_id", c.clientId());
            m.put("secret_sha256", c.secretHash());
            m.put("grant_types", c.grantTypes());
            m.put("response_types", c.responseTypes());
            m.put("redirect_uris", c.redirectUris());
            m.put("scope", c.scope());
            m.put("metadata", c.metadata());
            m.put("official", c.official());
            if (c.backchannelLogoutUri() != null) {
                m.put("backchannel_logout_uri", c.backchannelLogoutUri());
            }
            clients.add(m);
        }
        root.put("clients", clients);
        List<Object> regs = new ArrayList<>();
        for (ExternalRegistration r : s.registrations().values()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", r.id());
            m.put("room_name", r.roomName());
            m.put("body", r.body());
            regs.add(m);
        }
        root.put("registrations", regs);
        return JSONObjectUtils.toJSONString(root);
    }

    @SuppressWarnings("unchecked")
    static Snapshot fromJson(String json) throws ParseException {
        Map<String, Object> root = JSONObjectUtils.parse(json);
        long version = JSONObjectUtils.getLong(root, "version");
        if (version != VERSION) {
            throw new ParseException("unsupported state file version " + version, 0);
        }
        String projectId = JSONObjectUtils.getString(root, "project_id");
        Map<String, User> users = new LinkedHashMap<>();
        for (Map<String, Object> m : JSONObjectUtils.getJSONObjectArray(root, "users")) {
            User u = new User(JSONObjectUtils.getString(m, "id"), JSONObjectUtils.getString(m, "email"),
                    JSONObjectUtils.getString(m, "first_name"), JSONObjectUtils.getString(m, "last_name"));
            users.put(u.id(), u);
        }
        Map<String, Set<String>> members = new LinkedHashMap<>();
        Map<String, Object> rawMembers = JSONObjectUtils.getJSONObject(root, "members");
        for (String id : rawMembers.keySet()) {
            members.put(id, new LinkedHashSet<>(JSONObjectUtils.getStringList(rawMembers, id)));
        }
        Map<String, ApiKey> keys = new LinkedHashMap<>();
        for (Map<String, Object> m : JSONObjectUtils.getJSONObjectArray(root, "api_keys")) {
            ApiKey k = new ApiKey(JSONObjectUtils.getString(m, "id"), projectId, JSONObjectUtils.getString(m, "name"),
                    JSONObjectUtils.getString(m, "secret"));
            keys.put(k.id(), k);
        }
        Map<String, OAuthClient> clients = new LinkedHashMap<>();
        for (Map<String, Object> m : JSONObjectUtils.getJSONObjectArray(root, "clients")) {
            Map<String, String> metadata = new LinkedHashMap<>();
            JSONObjectUtils.getJSONObject(m, "metadata").forEach((k, v) -> metadata.put(k, String.valueOf(v)));
            OAuthClient c = new OAuthClient(JSONObjectUtils.getString(m, "client_id"),
                    JSONObjectUtils.getString(m, "secret_sha256"), JSONObjectUtils.getStringList(m, "grant_types"),
                    JSONObjectUtils.getStringList(m, "response_types"), JSONObjectUtils.getStringList(m, "redirect_uris"),
                    JSONObjectUtils.getString(m, "scope"), metadata, JSONObjectUtils.getBoolean(m, "official"),
                    JSONObjectUtils.getString(m, "backchannel_logout_uri"));
            clients.put(c.clientId(), c);
        }
        Map<String, ExternalRegistration> regs = new LinkedHashMap<>();
        for (Map<String, Object> m : JSONObjectUtils.getJSONObjectArray(root, "registrations")) {
            ExternalRegistration r = new ExternalRegistration(JSONObjectUtils.getString(m, "id"),
                    JSONObjectUtils.getString(m, "room_name"), JSONObjectUtils.getJSONObject(m, "body"));
            regs.put(r.id(), r);
        }
        return new Snapshot(projectId, JSONObjectUtils.getString(root, "admin_email"), users, members, keys, clients,
                regs, JSONObjectUtils.getString(root, "bootstrap_client_id"),
                JSONObjectUtils.getString(root, "bootstrap_client_secret"),
                JSONObjectUtils.getString(root, "bootstrap_api_key_id"),
                JSONObjectUtils.getString(root, "signing_key"));
    }
}
