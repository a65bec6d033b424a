package com.meshagent.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRegistration;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The routing rule behind {@link FilterSetup#ensureEndpointsRouted}, and its last resort: a container that
 * refuses a servlet after its context started (the Servlet spec allows that) gets one line saying what to map.
 * Real containers are in {@code TomcatEmbeddingTest} and {@code ReadmeStyleJettyAppTest}.
 */
class FilterSetupTest {

    private static ServletRegistration mappedAt(String... patterns) {
        return (ServletRegistration) Proxy.newProxyInstance(FilterSetupTest.class.getClassLoader(),
                new Class<?>[] {ServletRegistration.class},
                (proxy, method, args) -> method.getName().equals("getMappings") ? List.of(patterns) : null);
    }

    @Test
    void servletPatternsThatReachTheEndpoints() {
        for (String p : List.of("/", "/*", "/meshagent/*")) {
            assertTrue(FilterSetup.mapped(List.of(mappedAt(p)), "/meshagent/callback"), p);
        }
        for (String p : List.of("/app/*", "/meshagent", "/meshagentx/*", "*.jsp", "")) {
            assertFalse(FilterSetup.mapped(List.of(mappedAt(p)), "/meshagent/callback"), p);
        }
        assertTrue(FilterSetup.mapped(List.of(mappedAt("/app/*"), mappedAt("/meshagent/callback")), "/meshagent/callback"));
    }

    @Test
    void aContainerThatRefusesTheServletFailsStartupWithOneLine() {
        ServletContext started = (ServletContext) Proxy.newProxyInstance(FilterSetupTest.class.getClassLoader(),
                new Class<?>[] {ServletContext.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getServletRegistrations" -> Map.of("app", mappedAt("/app/*"));
                    case "addServlet" -> throw new IllegalStateException("context already initialized");
                    default -> null;
                });
        ServletException e = assertThrows(ServletException.class, () -> FilterSetup.ensureEndpointsRouted(started));
        assertEquals("MeshAgentFilter: no servlet is mapped at /meshagent/* or / in this web application, so the "
                + "container answers 404 before the filter runs; map any servlet there (e.g. the container's default "
                + "servlet at /)", e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
    }
}
