package com.meshagent.filter.room;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ApiScopeTest {

    @Test
    void userDefaultIsThePythonPresetWithoutLlm() {
        assertEquals("{\"livekit\":{},\"queues\":{},\"messaging\":{},\"dataset\":{},\"sqlite\":{},\"memory\":{},"
                + "\"sync\":{},\"storage\":{},\"containers\":{},\"developer\":{},\"agents\":{},\"services\":{}}",
                ApiScope.userDefault().toJson());
        assertFalse(ApiScope.userDefault().has(ApiScope.Llm.class));
    }

    @Test
    void agentDefaultAddsLlmAndFullAddsAdminAndTunnelsButNeverSecrets() {
        assertEquals(List.of("livekit", "queues", "messaging", "dataset", "sqlite", "memory", "sync", "storage",
                "containers", "developer", "agents", "llm", "services"), ApiScope.agentDefault().keys());
        assertEquals(List.of("livekit", "queues", "messaging", "dataset", "sqlite", "memory", "sync", "storage",
                "containers", "developer", "agents", "llm", "admin", "tunnels", "services"), ApiScope.full().keys());
        assertFalse(ApiScope.full().has(ApiScope.Secrets.class));
    }

    @Test
    void nonDefaultFieldsAreWrittenInSnakeCaseAndDefaultsOmitted() {
        ApiScope scope = ApiScope.of(
                new ApiScope.Services(true),
                new ApiScope.Dataset(List.of(new ApiScope.Table("t", List.of("ns"), true, true, false)), false),
                new ApiScope.Storage(List.of(new ApiScope.PathGrant("/docs/", true), new ApiScope.PathGrant("/tmp/", false))),
                new ApiScope.Agents(false, true, true, true, true, false, List.of("kit")),
                new ApiScope.Containers(true, List.of("img:*"), null, false, new ApiScope.Registry(List.of("r"), null, null, null)),
                new ApiScope.Memory(true, List.of(new ApiScope.MemoryEntry("m", null,
                        new ApiScope.MemoryPermissions(true, false, true, true, true, true, true, true)))));
        assertEquals("{\"dataset\":{\"tables\":[{\"name\":\"t\",\"namespace\":[\"ns\"],\"write\":true}],\"list_tables\":false},"
                + "\"memory\":{\"memories\":[{\"name\":\"m\",\"permissions\":{\"drop\":false}}]},"
                + "\"storage\":{\"paths\":[{\"path\":\"/docs/\",\"read_only\":true},{\"path\":\"/tmp/\"}]},"
                + "\"containers\":{\"pull\":[\"img:*\"],\"use_containers\":false,\"registry\":{\"list\":[\"r\"]}},"
                + "\"agents\":{\"register_agent\":false,\"use_tools\":false,\"allowed_toolkits\":[\"kit\"]},"
                + "\"services\":{}}", scope.toJson());
        assertEquals(scope, ApiScope.parse(scope.toJson()));
    }

    @Test
    void everyKeyRoundTripsThroughTheWireForm() {
        ApiScope all = ApiScope.full().with(ApiScope.Secrets.ALL)
                .with(new ApiScope.Sqlite(false, true, List.of(new ApiScope.SqliteDatabase("db", null, true, true, true,
                        false, true, List.of(new ApiScope.SqliteTable("db", "t", List.of("a"), true, true, true))))))
                .with(new ApiScope.Queues(List.of("q1"), List.of(), false))
                .with(new ApiScope.Livekit(List.of("breakout")))
                .with(new ApiScope.Sync(List.of(new ApiScope.PathGrant("/a/*", true))))
                .with(new ApiScope.Tunnels(List.of("8080")))
                .with(new ApiScope.Admin(false)).with(new ApiScope.Developer(false))
                .with(new ApiScope.Messaging(false, true, true)).with(new ApiScope.Services(false));
        assertEquals(16, all.keys().size());
        ApiScope back = ApiScope.parse(all.toJson());
        assertEquals(all, back);
        assertEquals(all.toJson(), back.toJson());
    }

    @Test
    void databaseAndDatasetsAreReadAsDatasetAndWrittenAsDataset() {
        assertEquals("{\"dataset\":{\"list_tables\":false}}", ApiScope.parse("{\"database\":{\"list_tables\":false}}").toJson());
        assertEquals("{\"dataset\":{}}", ApiScope.parse("{\"datasets\":{}}").toJson());
    }

    @Test
    void secretsWithAnyFieldIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ApiScope.parse("{\"secrets\":{\"request_oauth_token\":[]}}"));
        assertTrue(e.getMessage().contains("secrets"), e.getMessage());
    }

    @Test
    void wrongShapesAreRejectedNamingTheKey() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ApiScope.parse("{\"messaging\":{\"send\":\"yes\"}}"));
        assertEquals("\"send\" must be a boolean", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ApiScope.parse("{\"llm\":{\"models\":\"openai/*\"}}"));
        assertThrows(IllegalArgumentException.class, () -> ApiScope.parse("{\"dataset\":{\"tables\":[{\"read\":true}]}}"));
    }

    @Test
    void equalityFollowsTheGrantsSoADifferentScopeIsADifferentCacheKey() {
        assertEquals(ApiScope.userDefault(), ApiScope.parse(ApiScope.userDefault().toJson()));
        assertEquals(ApiScope.userDefault().hashCode(), ApiScope.parse(ApiScope.userDefault().toJson()).hashCode());
        assertNotEquals(ApiScope.userDefault(), ApiScope.agentDefault());
        assertEquals(ApiScope.userDefault(), ApiScope.agentDefault().without(ApiScope.Llm.class));
    }

    @Test
    void listsAreImmutableCopies() {
        List<String> models = new java.util.ArrayList<>(List.of("openai/gpt"));
        ApiScope.Llm llm = new ApiScope.Llm(models);
        models.add("anthropic/*");
        assertEquals(List.of("openai/gpt"), llm.models());
        assertThrows(UnsupportedOperationException.class, () -> llm.models().add("x"));
    }

    @Test
    void llmOnlyIsTheGrantOfExactlyThoseModels() {
        assertEquals(new ApiScope.Llm(List.of("openai/*", "anthropic/claude")), ApiScope.Llm.only("openai/*", "anthropic/claude"));
        assertEquals("{\"llm\":{\"models\":[\"openai/*\"]}}", ApiScope.of(ApiScope.Llm.only("openai/*")).toJson());
        assertThrows(NullPointerException.class, () -> ApiScope.Llm.only("openai/*", null));
    }
}
