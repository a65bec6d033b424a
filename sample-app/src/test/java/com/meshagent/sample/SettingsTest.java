package com.meshagent.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SettingsTest {

    @Test
    void defaultsAreTheReadmesPortsAndNoProvider() {
        SampleApp.Settings settings = SampleApp.Settings.from(Map.of());
        assertEquals(8080, settings.port());
        assertEquals(8081, settings.devPort());
        assertEquals("127.0.0.1", settings.host());
        assertFalse(settings.providerConfigured());
        assertEquals(List.of(), settings.admins());
    }

    @Test
    void portVariablesOverrideTheDefaults() {
        SampleApp.Settings settings = SampleApp.Settings.from(Map.of("PORT", "9090", "MESHAGENT_DEV_PORT", " 9091 "));
        assertEquals(9090, settings.port());
        assertEquals(9091, settings.devPort());
    }

    @Test
    void clientIdMeansAConfiguredProviderAndBlankDoesNot() {
        assertTrue(SampleApp.Settings.from(Map.of("MESHAGENT_CLIENT_ID", "abc")).providerConfigured());
        assertFalse(SampleApp.Settings.from(Map.of("MESHAGENT_CLIENT_ID", "  ")).providerConfigured());
    }

    @Test
    void adminsAreCommaSeparatedAndTrimmed() {
        assertEquals(List.of("a@x.io", "b@y.io"),
                SampleApp.Settings.from(Map.of("SAMPLE_ADMINS", " a@x.io, ,b@y.io ")).admins());
    }

    @Test
    void badPortIsRejectedNamingTheVariableAndValue() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SampleApp.Settings.from(Map.of("PORT", "80a")));
        assertEquals("PORT must be a port number from 0 to 65535: 80a", e.getMessage());
        IllegalArgumentException high = assertThrows(IllegalArgumentException.class,
                () -> SampleApp.Settings.from(Map.of("MESHAGENT_DEV_PORT", "70000")));
        assertEquals("MESHAGENT_DEV_PORT must be a port number from 0 to 65535: 70000", high.getMessage());
    }

    @Test
    void envNamesFollowTheConfigurationTable() {
        assertEquals("MESHAGENT_CLIENT_SECRET", SampleApp.envName("meshagent.client-secret"));
        assertEquals("MESHAGENT_API_URL", SampleApp.envName("meshagent.api-url"));
    }
}
