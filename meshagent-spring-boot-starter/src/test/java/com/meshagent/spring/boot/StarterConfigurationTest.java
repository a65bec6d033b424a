package com.meshagent.spring.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.meshagent.filter.MeshAgentConfig;
import com.meshagent.filter.room.RoomAccessPolicy;
import com.meshagent.filter.room.RoomTokens;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;

/** When the starter switches on, how properties and beans reach the filter, and how a bad setting is reported. */
@ExtendWith(OutputCaptureExtension.class)
class StarterConfigurationTest {

    private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(MeshAgentAutoConfiguration.class));

    @Test
    void withoutAClientIdTheStarterDoesNothing() {
        runner.run(context -> {
            assertFalse(context.containsBean("meshAgentFilter"));
            assertTrue(context.getBeansOfType(MeshAgentConfig.class).isEmpty());
        });
    }

    @Test
    void relaxedBindingFromPropertiesAndEnvironmentStyleNamesAndThePolicyBean() {
        RoomAccessPolicy policy = RoomAccessPolicy.denyAll();
        runner.withInitializer(context -> context.getEnvironment().getPropertySources().addFirst(
                        new SystemEnvironmentPropertySource("systemEnvironment", Map.of("MESHAGENT_CLIENT_ID", "from-env"))))
                .withPropertyValues("meshagent.redirect-uri=https://app.example/meshagent/callback",
                        "meshagent.readTimeout=3s", "meshagent.scopes=openid email")
                .withBean(RoomAccessPolicy.class, () -> policy)
                .run(context -> {
                    MeshAgentConfig config = context.getBean(MeshAgentConfig.class);
                    assertEquals("from-env", config.clientId());
                    assertEquals(Duration.ofSeconds(3), config.readTimeout());
                    assertEquals(List.of("openid", "email"), config.scopes());
                    assertEquals(policy, config.roomAccessPolicy().orElseThrow());
                    FilterRegistrationBean<?> filter = context.getBean("meshAgentFilter", FilterRegistrationBean.class);
                    assertEquals(MeshAgentAutoConfiguration.FILTER_ORDER, filter.getOrder());
                    assertTrue(filter.getOrder() < -100, "before Spring Security's filter chain (-100)");
                    assertEquals(List.of(), config.protectedPaths(), "Spring Security (on this class path) decides");
                });
    }

    @Test
    void withoutSpringSecuritysHttpSecurityTheFilterStillGuardsEveryPath() {
        // spring-security-web alone builds no chain and gets no MeshAgent entry point: nothing else would guard
        runner.withClassLoader(new FilteredClassLoader(HttpSecurity.class))
                .withPropertyValues("meshagent.client-id=c", "meshagent.redirect-uri=https://app.example/meshagent/callback")
                .run(context -> assertEquals(List.of("/*"), context.getBean(MeshAgentConfig.class).protectedPaths()));
    }

    @Test
    void aRoomTokensBeanIsUsedAsIs() {
        RoomTokens tokens = RoomTokens.builder().policy(RoomAccessPolicy.denyAll())
                .apiKey("ma-Ej5FZ.ibEtOkVkJmFBdAAA-Dx4tPEtaaXiQq83vEjRWeA-s3cr3t-with-dashes") // protocol doc fixture
                .roomUrl(java.net.URI.create("wss://api.meshagent.com")).build();
        runner.withPropertyValues("meshagent.client-id=c", "meshagent.redirect-uri=https://app.example/meshagent/callback")
                .withBean(RoomTokens.class, () -> tokens)
                .run(context -> assertEquals(tokens, context.getBean(MeshAgentConfig.class).roomTokens().orElseThrow()));
    }

    @Configuration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    static class Empty {}

    @Test
    void aBadPropertyFailsStartUpWithAnAnalysisNamingIt(CapturedOutput output) {
        SpringApplicationBuilder app = new SpringApplicationBuilder(Empty.class).web(WebApplicationType.SERVLET)
                .properties("server.port=0", "meshagent.client-id=c", "meshagent.redirect-uri=not a url",
                        "meshagent.client-secret=s3cr3t-value");
        assertThrows(RuntimeException.class, app::run);
        String out = output.getAll();
        assertTrue(out.contains("APPLICATION FAILED TO START"), out);
        assertTrue(out.contains("The MeshAgent setting 'meshagent.redirect-uri' is not valid"), out);
        assertTrue(out.contains("MESHAGENT_REDIRECT_URI"), out);
        assertFalse(out.contains("s3cr3t-value"), "the secret is never printed");
    }

    @Test
    void theRefusalKeepsTheFiltersExceptionAsItsCause() {
        runner.withPropertyValues("meshagent.client-id=c", "meshagent.redirect-uri=not a url").run(context -> {
            Throwable t = context.getStartupFailure();
            while (t != null && !(t instanceof MeshAgentConfigurationException)) {
                t = t.getCause();
            }
            assertNotNull(t, "start-up fails with a MeshAgentConfigurationException");
            assertTrue(t.getCause() instanceof IllegalArgumentException, "the filter's refusal is the cause: " + t);
            assertEquals(t.getCause().getMessage(), t.getMessage());
        });
    }

    @Test
    void aSettingWhoseMessageNamesNoPropertyIsStillNamed() {
        assertEquals("meshagent.refresh-skew", MeshAgentAutoConfiguration.property("refreshSkew must not be negative",
                "meshagent.refresh-skew"));
        assertEquals("meshagent.api-key", MeshAgentAutoConfiguration.property(
                "meshagent.api-key must be a MeshAgent API key starting with ma-", "meshagent.room-url"));
    }

    @Test
    void everyKeyTheFilterReadsHasGeneratedMetadataWithADescription() throws Exception {
        List<String> keys = new ArrayList<>();
        MeshAgentConfig.builder().fromInitParameters(key -> {
            keys.add(key);
            return null;
        });
        assertTrue(keys.size() >= 17, keys.toString());
        String json;
        try (InputStream in = getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
            assertNotNull(in, "the configuration processor generated no metadata");
            json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> properties = (List<Map<String, Object>>) (List<?>)
                com.nimbusds.jose.util.JSONObjectUtils.parse(json).get("properties");
        for (String key : keys) {
            Map<String, Object> p = properties.stream().filter(m -> key.equals(m.get("name"))).findFirst()
                    .orElseThrow(() -> new AssertionError("no metadata for " + key));
            assertTrue(p.get("description") instanceof String d && !d.isBlank(), key + " has no description");
        }
    }
}
