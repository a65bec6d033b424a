package com.meshagent.filter.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.util.JSONObjectUtils;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Request shapes and error mapping against a scripted server; the real round trips are in {@link MeshAgentApiDevServerTest}. */
class MeshAgentApiTest {

    static final String KEY = "ma-Ej5FZ.ibEtOkVkJmFBdAAA-Dx4tPEtaaXiQq83vEjRWeA-s3cr3t-with-dashes";
    static final String PROJECT = "0f1e2d3c-4b5a-6978-90ab-cdef12345678";
    private static final String CLIENT_JSON = "{\"client_id\":\"c1\",\"client_secret\":\"shh-secret\",\"grant_types\":"
            + "[\"authorization_code\",\"refresh_token\"],\"response_types\":[\"code\"],\"redirect_uris\":"
            + "[\"https://app.example.com/cb\"],\"scope\":\"profile:read rooms:connect\",\"project_id\":\"" + PROJECT
            + "\",\"metadata\":{\"name\":\"My app\"},\"official\":false}";

    private FakeMeshAgent server;
    private MeshAgentApi api;

    @BeforeEach
    void start() throws Exception {
        server = new FakeMeshAgent();
        api = MeshAgentApi.builder().apiUrl(server.uri()).apiKey(KEY).build();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void createPostsTheDocumentedBodyWithTheKeyAsBearerAndSurfacesTheSecret() throws Exception {
        server.answer(201, "{\"client\":" + CLIENT_JSON + "}");
        CreatedOAuthClient created = api.createOAuthClient(PROJECT,
                OAuthClientSpec.webApp("My app", List.of("https://app.example.com/cb"), "profile:read rooms:connect"));
        assertEquals("c1", created.client().clientId());
        assertEquals("shh-secret", created.clientSecret());
        assertEquals("My app", created.client().name());
        FakeMeshAgent.Request r = server.requests().get(0);
        assertEquals("POST", r.method());
        assertEquals("/accounts/projects/" + PROJECT + "/oauth/clients", r.path());
        assertEquals("Bearer " + KEY, r.authorization());
        assertEquals("{\"grant_types\":[\"authorization_code\",\"refresh_token\"],\"response_types\":[\"code\"],"
                + "\"redirect_uris\":[\"https://app.example.com/cb\"],\"scope\":\"profile:read rooms:connect\","
                + "\"metadata\":{\"name\":\"My app\"},\"official\":false}", r.body());
        assertFalse(created.toString().contains("shh-secret"), created.toString());
    }

    @Test
    void createAcceptsAFlatClientObjectToo() {
        server.answer(200, CLIENT_JSON);
        assertEquals("shh-secret", api.createOAuthClient(PROJECT,
                OAuthClientSpec.webApp("My app", List.of("https://app.example.com/cb"), "profile:read")).clientSecret());
    }

    @Test
    void authorizationCodeWithoutRedirectUriIsRefusedBeforeSending() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> api.createOAuthClient(PROJECT, OAuthClientSpec.webApp("x", List.of(), "profile:read")));
        assertEquals("redirectUris: an authorization_code client needs at least one redirect URI", e.getMessage());
        assertTrue(server.requests().isEmpty());
    }

    @Test
    void updateThatWouldLeaveAnAuthorizationCodeClientWithoutRedirectUrisIsRefusedBeforeThePut() {
        server.answer(200, CLIENT_JSON);
        OAuthClientSpec clearUris = new OAuthClientSpec(null, null, List.of(), null, null, null);
        assertThrows(IllegalArgumentException.class, () -> api.updateOAuthClient(PROJECT, "c1", clearUris));
        assertEquals(List.of("GET"), server.requests().stream().map(FakeMeshAgent.Request::method).toList());
    }

    @Test
    void relativeOrFragmentRedirectUrisAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> OAuthClientSpec.webApp("x", List.of("/cb"), "s"));
        assertThrows(IllegalArgumentException.class, () -> OAuthClientSpec.webApp("x", List.of("https://a/cb#f"), "s"));
    }

    @Test
    void updateSendsOnlyTheChangedFieldsKeepingOtherMetadata() throws Exception {
        server.answer(200, CLIENT_JSON.replace("{\"name\":\"My app\"}", "{\"name\":\"My app\",\"team\":\"blue\"}"))
                .answer(200, "{\"ok\":true}");
        api.updateOAuthClient(PROJECT, "c1", new OAuthClientSpec(null, null, null, "profile:read", "Renamed", null));
        FakeMeshAgent.Request put = server.requests().get(1);
        assertEquals("PUT", put.method());
        assertEquals("/accounts/projects/" + PROJECT + "/oauth/clients/c1", put.path());
        Map<String, Object> body = JSONObjectUtils.parse(put.body());
        assertEquals(Map.of("scope", "profile:read", "metadata", Map.of("name", "Renamed", "team", "blue")), body);
    }

    @Test
    void getAndListNeverCarryTheSecretAndListPagesUntilTotal() {
        StringBuilder page = new StringBuilder("{\"clients\":[");
        for (int i = 0; i < 100; i++) {
            page.append(i == 0 ? "" : ",").append(CLIENT_JSON.replace("\"c1\"", "\"c" + i + "\""));
        }
        server.answer(200, page + "],\"total\":101}").answer(200, "{\"clients\":[" + CLIENT_JSON.replace("\"c1\"", "\"last\"")
                + "],\"total\":101}");
        List<OAuthClient> all = api.listOAuthClients(PROJECT);
        assertEquals(101, all.size());
        assertEquals("last", all.get(100).clientId());
        assertEquals("count=100&offset=0", server.requests().get(0).query());
        assertEquals("count=100&offset=100", server.requests().get(1).query());
        assertFalse(all.get(0).toString().contains("shh-secret"));
    }

    @Test
    void httpErrorsMapToTypedExceptionsCarryingTheServersMessage() {
        server.answer(400, "{\"error\":{\"message\":\"redirect_uris must be https\"}}")
                .answer(401, "{\"error\":\"invalid api key\"}")
                .answer(403, "forbidden: needs oauth_client_creator")
                .answer(404, "{\"message\":\"no such client\"}")
                .answer(409, "{\"detail\":\"client exists\"}")
                .answer(503, "")
                .answer(423, "{\"error\":{\"message\":\"room disabled\"}}");
        MeshAgentApiException e400 = assertThrows(MeshAgentApiException.Validation.class, () -> api.getOAuthClient(PROJECT, "c"));
        assertEquals("redirect_uris must be https", e400.serverMessage());
        assertEquals(400, e400.status());
        assertEquals("invalid api key",
                assertThrows(MeshAgentApiException.PermissionDenied.class, () -> api.getOAuthClient(PROJECT, "c")).serverMessage());
        assertEquals("forbidden: needs oauth_client_creator",
                assertThrows(MeshAgentApiException.PermissionDenied.class, () -> api.getOAuthClient(PROJECT, "c")).serverMessage());
        MeshAgentApiException e404 = assertThrows(MeshAgentApiException.NotFound.class, () -> api.getOAuthClient(PROJECT, "c"));
        assertEquals("get OAuth client (GET /accounts/projects/" + PROJECT + "/oauth/clients/c) answered HTTP 404: no such client",
                e404.getMessage());
        assertEquals("client exists", assertThrows(MeshAgentApiException.Conflict.class, () -> api.getOAuthClient(PROJECT, "c")).serverMessage());
        assertEquals(503, assertThrows(MeshAgentApiException.ServerError.class, () -> api.getOAuthClient(PROJECT, "c")).status());
        MeshAgentApiException e423 = assertThrows(MeshAgentApiException.class, () -> api.getOAuthClient(PROJECT, "c"));
        assertEquals(MeshAgentApiException.class, e423.getClass());
        assertEquals("room disabled", e423.serverMessage());
    }

    @Test
    void unreachableServerIsAnApiExceptionWithStatusZeroAndNoKeyInTheMessage() {
        server.close();
        MeshAgentApiException e = assertThrows(MeshAgentApiException.class, () -> api.callerRole(PROJECT));
        assertEquals(0, e.status());
        assertFalse(e.getMessage().contains("s3cr3t"), e.getMessage());
    }

    @Test
    void pathSegmentsAreEncodedSoIdsCannotEscapeTheirRoute() {
        server.answer(204, "");
        api.deleteOAuthClient(PROJECT, "../../x y/z");
        assertEquals("/accounts/projects/" + PROJECT + "/oauth/clients/..%2F..%2Fx%20y%2Fz", server.requests().get(0).path());
        assertThrows(IllegalArgumentException.class, () -> api.deleteOAuthClient(PROJECT, ".."));
        assertThrows(IllegalArgumentException.class, () -> api.deleteOAuthClient(PROJECT, ""));
    }

    @Test
    void externalOAuthAtRoomLevelUsesTheRoomRouteAndTheDocumentedBody() throws Exception {
        server.answer(200, "{\"id\":\"reg-1\"}")
                .answer(200, "{\"registrations\":[{\"id\":\"reg-1\",\"delegated_to\":null,\"client_id\":\"abc\","
                        + "\"client_secret\":\"xyz\",\"oauth\":{\"client_id\":\"abc\",\"authorization_endpoint\":\"https://p/a\","
                        + "\"token_endpoint\":\"https://p/t\",\"scopes\":[\"read\"]},\"connector\":{\"server_url\":\"https://mcp\"}}]}");
        ExternalOAuth.Spec spec = new ExternalOAuth.Spec(new ExternalOAuth.Provider("abc", "xyz", "https://p/a", "https://p/t",
                false, List.of("read")), new ExternalOAuth.Connector(null, "https://mcp", null), null);
        assertEquals("reg-1", api.createExternalOAuth(PROJECT, "team-a", spec));
        FakeMeshAgent.Request post = server.requests().get(0);
        assertEquals("/accounts/projects/" + PROJECT + "/rooms/team-a/external-oauth", post.path());
        assertEquals("{\"oauth\":{\"client_id\":\"abc\",\"client_secret\":\"xyz\",\"authorization_endpoint\":\"https://p/a\","
                + "\"token_endpoint\":\"https://p/t\",\"no_pkce\":false,\"scopes\":[\"read\"]},\"client_id\":\"abc\","
                + "\"client_secret\":\"xyz\",\"connector\":{\"openai_connector_id\":null,\"server_url\":\"https://mcp\","
                + "\"client_secret_id\":null},\"delegated_to\":null}", post.body());
        ExternalOAuth.Registration reg = api.listExternalOAuth(PROJECT, "team-a").get(0);
        assertEquals(new ExternalOAuth.Registration("reg-1", null, "abc", "https://p/a", "https://p/t", List.of("read"),
                "https://mcp"), reg);
        assertFalse(reg.toString().contains("xyz"));
        assertFalse(spec.toString().contains("xyz"), spec.toString());
        assertThrows(IllegalArgumentException.class, () -> api.listExternalOAuth(PROJECT, "Bad Room"));
    }

    @Test
    void anErrorBodyEchoingTheRequestNeverPutsASecretWeSentIntoTheException() {
        // FastAPI-style 422: "input" echoes the request object, client_secret included; a debug proxy echoes headers
        server.answer(422, "{\"detail\":[{\"type\":\"missing\",\"loc\":[\"body\",\"oauth\",\"token_endpoint\"],"
                + "\"input\":{\"client_id\":\"abc\",\"client_secret\":\"provider-secret-9\"}}]}")
                .answer(502, "upstream said: Authorization: Bearer " + KEY);
        ExternalOAuth.Spec spec = new ExternalOAuth.Spec(new ExternalOAuth.Provider("abc", "provider-secret-9", "https://p/a",
                "https://p/t", false, List.of()), null, null);
        MeshAgentApiException e = assertThrows(MeshAgentApiException.Validation.class,
                () -> api.createExternalOAuth(PROJECT, null, spec));
        assertFalse(e.getMessage().contains("provider-secret-9"), e.getMessage());
        assertTrue(e.getMessage().contains("\"client_secret\":\"<redacted>\""), e.getMessage());
        e = assertThrows(MeshAgentApiException.ServerError.class, () -> api.callerRole(PROJECT));
        assertFalse(e.getMessage().contains("s3cr3t"), e.getMessage());
        assertFalse(e.serverMessage().contains("s3cr3t"), e.serverMessage());
    }

    @Test
    void callerRoleReadsRoleAndPermissions() {
        server.answer(200, "{\"role\":\"admin\",\"permissions\":[\"oauth_client_manager\",\"participant_token_creator\"]}");
        CallerRole role = api.callerRole(PROJECT);
        assertTrue(role.isAdmin());
        assertEquals(List.of("oauth_client_manager", "participant_token_creator"), role.permissions());
        assertEquals("/accounts/projects/" + PROJECT + "/role", server.requests().get(0).path());
    }

    @Test
    void accessTokenSupplierIsAskedOnEveryCall() {
        AtomicInteger n = new AtomicInteger();
        MeshAgentApi user = MeshAgentApi.builder().apiUrl(server.uri()).accessToken(() -> "at-" + n.incrementAndGet()).build();
        server.answer(200, "{\"role\":\"member\",\"permissions\":[]}").answer(200, "{\"role\":\"member\"}");
        assertFalse(user.callerRole(PROJECT).isAdmin());
        user.callerRole(PROJECT);
        assertEquals("Bearer at-1", server.requests().get(0).authorization());
        assertEquals("Bearer at-2", server.requests().get(1).authorization());
    }

    @Test
    void builderRefusesMissingCredentialAndBadUrlsWithoutEchoingKeys() {
        assertThrows(IllegalStateException.class, () -> MeshAgentApi.builder().build());
        assertEquals("apiUrl must be an absolute http(s) URL: ftp://x",
                assertThrows(IllegalArgumentException.class, () -> MeshAgentApi.builder().apiUrl(java.net.URI.create("ftp://x"))).getMessage());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MeshAgentApi.builder().apiKey("sk-secretvalue"));
        assertFalse(e.getMessage().contains("secretvalue"));
        assertFalse(api.toString().contains("s3cr3t"));
        assertNull(new CreatedOAuthClient(new OAuthClient("c", List.of(), List.of(), List.of(), null, null, Map.of(), false), null)
                .clientSecret());
        assertInstanceOf(MeshAgentApiException.class, MeshAgentApiException.of("x", 418, "teapot"));
    }
}
