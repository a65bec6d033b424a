package com.meshagent.filter.room;

import com.meshagent.filter.internal.json.Json;
import java.util.Map;
import java.util.Objects;

/**
 * One entry of a participant token's {@code grants} array, {@code {"name": ..., "scope": ...}}
 * (docs/meshagent-protocol.md §4.3). The scope is a string for every grant except {@code api}, whose scope is
 * an {@link ApiScope}; exactly one of {@code scope} and {@code api} is set.
 *
 * @param name the grant name, e.g. {@code room}, {@code role}, {@code api}, {@code tunnel_ports}
 * @param scope the string scope, or {@code null} for an {@code api} grant
 * @param api the API scope of an {@code api} grant, else {@code null}
 */
public record ParticipantGrant(String name, String scope, ApiScope api) {

    /**
     * Checks that exactly one kind of scope is given, an {@link ApiScope} exactly for the {@code api} grant.
     *
     * @param name  the grant's name
     * @param scope the string scope, or {@code null} for an {@code api} grant
     * @param api   the API scope of an {@code api} grant, else {@code null}
     */
    public ParticipantGrant {
        Objects.requireNonNull(name, "name");
        if ((scope == null) == (api == null)) {
            throw new IllegalArgumentException("grant \"" + name + "\" needs exactly one of a string scope and an api scope");
        }
        if ("api".equals(name) != (api != null)) {
            throw new IllegalArgumentException("only the \"api\" grant has an ApiScope, and it always has one");
        }
    }

    /**
     * The room grant, {@code {"name":"room","scope":roomName}}.
     *
     * @param roomName the room the participant may join
     * @return the grant
     */
    public static ParticipantGrant room(String roomName) {
        return new ParticipantGrant("room", roomName, null);
    }

    /**
     * The role grant, {@code {"name":"role","scope":role}}.
     *
     * @param role the participant's role
     * @return the grant
     */
    public static ParticipantGrant role(ParticipantRole role) {
        return new ParticipantGrant("role", role.wire(), null);
    }

    /**
     * The API grant, {@code {"name":"api","scope":{...}}}.
     *
     * @param scope the room APIs the participant may use
     * @return the grant
     */
    public static ParticipantGrant api(ApiScope scope) {
        return new ParticipantGrant("api", null, Objects.requireNonNull(scope, "scope"));
    }

    void writeJson(StringBuilder sb) {
        sb.append("{\"name\":");
        Json.string(sb, name);
        sb.append(",\"scope\":");
        if (api != null) {
            sb.append(api.toJson());
        } else {
            Json.string(sb, scope);
        }
        sb.append('}');
    }

    static ParticipantGrant fromWire(Map<String, Object> in) {
        String name = Json.requiredString(in, "name");
        Object scope = in.get("scope");
        if ("api".equals(name)) {
            return api(ApiScope.fromWire(scope == null ? Map.of() : Json.object(scope, "scope")));
        }
        if (!(scope instanceof String s)) {
            throw new IllegalArgumentException("grant \"" + name + "\" must have a string scope");
        }
        return new ParticipantGrant(name, s, null);
    }
}
