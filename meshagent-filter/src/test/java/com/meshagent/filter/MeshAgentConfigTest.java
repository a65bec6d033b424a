package com.meshagent.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The configuration: defaults, validation messages naming the setting, secrets redacted (FT-02). */
class MeshAgentConfigTest {

    private static MeshAgentConfig.Builder minimal() {
        return MeshAgentConfig.builder().clientId("c1").redirectUri("https://app.example/meshagent/callback");
    }

    @Test
    void defaultsFollowTheDesign() {
        MeshAgentConfig c = minimal().build();
        assertEquals(URI.create("https://api.meshagent.com"), c.apiUrl());
        assertEquals(URI.create("wss://api.meshagent.com"), c.roomUrl());
        assertEquals(List.of("openid", "profile", "email", "offline_access"), c.scopes());
        assertEquals(Duration.ofSeconds(5), c.connectTimeout());
        assertEquals(Duration.ofSeconds(10), c.readTimeout());
        assertEquals(MeshAgentConfig.ClientAuthMethod.POST, c.clientAuthMethod());
        assertFalse(c.oidcMode());
        assertEquals(List.of("/*"), c.protectedPaths());
        assertEquals(URI.create("ws://127.0.0.1:8080/x"),
                MeshAgentConfig.builder().apiUrl("http://127.0.0.1:8080/x/").clientId("c")
                        .redirectUri("http://localhost/cb").build().roomUrl());
    }

    @Test
    void zeroOrNegativeTimeoutsAreRejectedNotTreatedAsInfinite() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> minimal().readTimeout(Duration.ZERO));
        assertEquals("readTimeout must be positive: PT0S", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> minimal().connectTimeout(Duration.ofSeconds(-1)));
        assertEquals("connectTimeout must be positive: PT-1S", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> minimal().fromInitParameters(Map.of("meshagent.read-timeout", "0")::get));
        assertEquals("readTimeout must be positive: PT0S", e.getMessage());
    }

    @Test
    void idTokenMaxAgeDefaultsToTenMinutesAndIsReadFromTheInitParameterWithinBounds() {
        assertEquals(Duration.ofMinutes(10), minimal().build().idTokenMaxAge());
        assertEquals(Duration.ofMinutes(30),
                minimal().fromInitParameters(Map.of("meshagent.id-token-max-age", "PT30M")::get).build().idTokenMaxAge());
        assertEquals(Duration.ofSeconds(90),
                minimal().fromInitParameters(Map.of("meshagent.id-token-max-age", "90000")::get).build().idTokenMaxAge());
        assertEquals("MESHAGENT_ID_TOKEN_MAX_AGE", MeshAgentConfig.envName("meshagent.id-token-max-age"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> minimal().fromInitParameters(Map.of("meshagent.id-token-max-age", "P2D")::get));
        assertEquals("meshagent.id-token-max-age must be between 1 s and 1 day: PT48H", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> minimal().idTokenMaxAge(Duration.ZERO));
    }

    @Test
    void badValuesNameTheKeyAndTheValue() {
        assertEquals("meshagent.redirect-uri must be an absolute URL with a host and no user info: /cb",
                assertThrows(IllegalArgumentException.class, () -> minimal().redirectUri("/cb")).getMessage());
        assertEquals("meshagent.api-url must be an http(s) URL: ftp://x",
                assertThrows(IllegalArgumentException.class, () -> minimal().apiUrl("ftp://x")).getMessage());
        assertEquals("meshagent.room-url must be a ws:// or wss:// URL: https://x",
                assertThrows(IllegalArgumentException.class, () -> minimal().roomUrl("https://x")).getMessage());
        assertEquals("meshagent.client-id is required (MESHAGENT_CLIENT_ID)",
                assertThrows(IllegalStateException.class,
                        () -> MeshAgentConfig.builder().redirectUri("https://a/cb").build()).getMessage());
        assertEquals("afterLogoutPath must be a same-origin path starting with /: //evil.example",
                assertThrows(IllegalArgumentException.class, () -> minimal().afterLogoutPath("//evil.example")).getMessage());
        assertEquals("protectedPaths has an invalid pattern (use /exact, /prefix/*, /* or *.ext): /a*b",
                assertThrows(IllegalArgumentException.class, () -> minimal().protectedPaths("/a*b")).getMessage());
        assertEquals("meshagent.scopes must include openid in OIDC mode (meshagent.issuer set): profile",
                assertThrows(IllegalStateException.class,
                        () -> minimal().issuer("https://op.example").scopes("profile").build()).getMessage());
    }

    @Test
    void secretsNeverAppearInMessagesOrToString() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> minimal().apiKey("sk-very-secret"));
        assertFalse(e.getMessage().contains("sk-very-secret"), e.getMessage());
        String s = minimal().clientSecret("hunter2-secret").apiKey("ma-key-secret").build().toString();
        assertFalse(s.contains("hunter2-secret") || s.contains("ma-key-secret"), s);
        assertTrue(s.contains("clientSecret=<redacted>"), s);
    }

    @Test
    void aPasswordInAUrlIsRefusedWithoutBeingQuoted() {
        for (String url : List.of("https://ada:pa55word@api.example", "https://ada:pa55word@api example/")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> minimal().apiUrl(url));
            assertTrue(e.getMessage().startsWith("meshagent.api-url "), e.getMessage());
            assertFalse(e.getMessage().contains("pa55word"), e.getMessage());
        }
        assertFalse(assertThrows(IllegalArgumentException.class,
                () -> minimal().fromInitParameters(Map.of("meshagent.issuer", "https://ada:pa55word@op.example")::get))
                .getMessage().contains("pa55word"));
    }

    @Test
    void initParametersWinOverSystemPropertiesAndMapOneToOne() {
        System.setProperty("meshagent.project-id", "from-property");
        System.setProperty("meshagent.client-id", "property-client");
        try {
            MeshAgentConfig c = MeshAgentConfig.builder().fromInitParameters(Map.of(
                    "meshagent.client-id", "param-client",
                    "meshagent.redirect-uri", "https://app.example/meshagent/callback",
                    "meshagent.issuer", "https://op.example/realm",
                    "meshagent.scopes", "openid email",
                    "meshagent.client-auth-method", "client_secret_basic",
                    "meshagent.client-secret", "s",
                    "meshagent.protected-paths", "/app/*, /admin",
                    "meshagent.connect-timeout", "PT2S")::get).build();
            assertEquals("param-client", c.clientId());
            assertEquals("from-property", c.projectId().orElseThrow());
            assertTrue(c.oidcMode());
            assertEquals(List.of("openid", "email"), c.scopes());
            assertEquals(MeshAgentConfig.ClientAuthMethod.BASIC, c.clientAuthMethod());
            assertEquals(List.of("/app/*", "/admin"), c.protectedPaths());
            assertEquals(Duration.ofSeconds(2), c.connectTimeout());
        } finally {
            System.clearProperty("meshagent.project-id");
            System.clearProperty("meshagent.client-id");
        }
    }

    @Test
    void roomTokenRateLimitDefaultsToSixtyAMinuteAndParsesOffAndRequestsPerWindow() {
        MeshAgentConfig d = minimal().build();
        assertEquals(60, d.roomTokenRateLimit());
        assertEquals(Duration.ofMinutes(1), d.roomTokenRateWindow());
        for (String off : List.of("off", "OFF", "0")) {
            assertEquals(0, minimal().fromInitParameters(Map.of("meshagent.room-token-rate-limit", off)::get).build()
                    .roomTokenRateLimit(), off);
        }
        MeshAgentConfig c = minimal().fromInitParameters(Map.of("meshagent.room-token-rate-limit", "120/PT30S")::get).build();
        assertEquals(120, c.roomTokenRateLimit());
        assertEquals(Duration.ofSeconds(30), c.roomTokenRateWindow());
        MeshAgentConfig m = minimal().fromInitParameters(Map.of("meshagent.room-token-rate-limit", "5 / 10s")::get).build();
        assertEquals(5, m.roomTokenRateLimit());
        assertEquals(Duration.ofSeconds(10), m.roomTokenRateWindow());
        assertTrue(m.toString().contains("roomTokenRateLimit=5/PT10S"), m.toString());
    }

    @Test
    void badRoomTokenRateLimitsNameTheKey() {
        for (String bad : List.of("sixty", "60", "-1/PT1M", "60/soon", "60/PT0S", "/PT1M", "99999999999/PT1M")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> minimal().fromInitParameters(Map.of("meshagent.room-token-rate-limit", bad)::get), bad);
            assertTrue(e.getMessage().startsWith("meshagent.room-token-rate-limit"), e.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> minimal().roomTokenRateLimit(-1, Duration.ofMinutes(1)));
    }
}
