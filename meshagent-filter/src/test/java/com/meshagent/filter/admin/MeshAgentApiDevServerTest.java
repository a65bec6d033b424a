package com.meshagent.filter.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.meshagent.devserver.DevServer;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** MeshAgentApi against the devserver's accounts API (the real round trips). */
class MeshAgentApiDevServerTest {

    private static DevServer server;
    private static MeshAgentApi api;
    private static String project;

    @BeforeAll
    static void start() {
        server = DevServer.start(0);
        project = server.bootstrap().projectId();
        api = MeshAgentApi.builder().apiUrl(server.baseUri()).apiKey(server.bootstrap().apiKey()).build();
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    @Test
    void oauthClientLifecycleCreateGetListUpdateDelete() {
        CreatedOAuthClient created = api.createOAuthClient(project, OAuthClientSpec.webApp("Lifecycle app",
                List.of("http://localhost:9999/meshagent/callback"), "profile:read rooms:connect"));
        String id = created.client().clientId();
        assertNotNull(created.clientSecret());
        assertFalse(created.clientSecret().isBlank());
        assertEquals("Lifecycle app", created.client().name());

        OAuthClient got = api.getOAuthClient(project, id);
        assertEquals(List.of("http://localhost:9999/meshagent/callback"), got.redirectUris());
        assertEquals("profile:read rooms:connect", got.scope());
        assertTrue(api.listOAuthClients(project).stream().anyMatch(c -> c.clientId().equals(id)));

        api.updateOAuthClient(project, id, new OAuthClientSpec(null, null,
                List.of("http://localhost:9999/cb", "https://app.example.com/cb"), "profile:read", "Renamed", null));
        OAuthClient updated = api.getOAuthClient(project, id);
        assertEquals(List.of("http://localhost:9999/cb", "https://app.example.com/cb"), updated.redirectUris());
        assertEquals("profile:read", updated.scope());
        assertEquals("Renamed", updated.name());

        api.deleteOAuthClient(project, id);
        assertThrows(MeshAgentApiException.NotFound.class, () -> api.getOAuthClient(project, id));
    }

    @Test
    void authorizationCodeClientWithoutRedirectUriIsRefusedBeforeSendingAndNothingIsCreated() {
        int before = api.listOAuthClients(project).size();
        assertThrows(IllegalArgumentException.class,
                () -> api.createOAuthClient(project, OAuthClientSpec.webApp("No redirect", List.of(), "profile:read")));
        assertEquals(before, api.listOAuthClients(project).size());
    }

    @Test
    void wrongCredentialIsAPermissionErrorCarryingTheServersMessage() {
        MeshAgentApi stranger = MeshAgentApi.builder().apiUrl(server.baseUri())
                .apiKey("ma-Ej5FZ.ibEtOkVkJmFBdAAA-Dx4tPEtaaXiQq83vEjRWeA-not-a-real-secret").build();
        MeshAgentApiException e = assertThrows(MeshAgentApiException.PermissionDenied.class,
                () -> stranger.listOAuthClients(project));
        assertFalse(e.serverMessage().isBlank());
        assertFalse(e.getMessage().contains("not-a-real-secret"));
    }

    @Test
    void missingClientIsNotFound() {
        assertThrows(MeshAgentApiException.NotFound.class, () -> api.getOAuthClient(project, "no-such-client"));
    }

    @Test
    void externalOAuthRegistrationsAtProjectAndRoomLevelAreSeparate() {
        ExternalOAuth.Spec spec = new ExternalOAuth.Spec(new ExternalOAuth.Provider("ext-client", "ext-secret",
                "https://provider.example/authorize", "https://provider.example/token", false, List.of("read")),
                new ExternalOAuth.Connector(null, "https://mcp.example/mcp", null), null);
        String projectReg = api.createExternalOAuth(project, null, spec);
        String roomReg = api.createExternalOAuth(project, "team-a", spec);

        List<ExternalOAuth.Registration> atProject = api.listExternalOAuth(project, null);
        List<ExternalOAuth.Registration> inRoom = api.listExternalOAuth(project, "team-a");
        assertTrue(atProject.stream().anyMatch(r -> r.id().equals(projectReg)));
        assertFalse(atProject.stream().anyMatch(r -> r.id().equals(roomReg)));
        ExternalOAuth.Registration listed = inRoom.stream().filter(r -> r.id().equals(roomReg)).findFirst().orElseThrow();
        assertEquals("ext-client", listed.clientId());
        assertEquals("https://provider.example/token", listed.tokenEndpoint());

        ExternalOAuth.Spec changed = new ExternalOAuth.Spec(new ExternalOAuth.Provider("ext-client-2", null,
                "https://provider.example/authorize", "https://provider.example/token2", true, List.of()), null, null);
        api.updateExternalOAuth(project, "team-a", roomReg, changed);
        assertEquals("https://provider.example/token2", api.listExternalOAuth(project, "team-a").stream()
                .filter(r -> r.id().equals(roomReg)).findFirst().orElseThrow().tokenEndpoint());

        api.deleteExternalOAuth(project, "team-a", roomReg);
        api.deleteExternalOAuth(project, null, projectReg);
        assertFalse(api.listExternalOAuth(project, "team-a").stream().anyMatch(r -> r.id().equals(roomReg)));
        assertThrows(MeshAgentApiException.NotFound.class, () -> api.deleteExternalOAuth(project, null, projectReg));
    }

    @Test
    void callerRoleOfTheBootstrapKeyIsAdmin() {
        CallerRole role = api.callerRole(project);
        assertEquals("admin", role.role());
    }
}
