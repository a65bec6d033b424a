package com.meshagent.filter.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.meshagent.filter.MeshAgentConfig;
import com.meshagent.filter.testing.Browser;
import com.meshagent.filter.testing.JettyApp;
import com.meshagent.filter.testing.TomcatApp;
import jakarta.servlet.ServletException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import org.apache.catalina.Context;
import org.apache.catalina.startup.Tomcat;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A fresh embedded Tomcat 11 app written like the README's example: {@code Tomcat.addContext} (no default
 * servlet), the filter at {@code /*}, the application's servlet at {@code /orders/*} only, under
 * {@code /shop}. The filter's endpoints work, its warnings reach java.util.logging (Tomcat's log, whatever
 * SLF4J provider the class path holds), and a
 * redirect URI that misses the context path stops the app with a message naming the key.
 */
class TomcatEmbeddingTest {

    private TomcatApp tomcat;
    private Context context;
    private static MockOAuth2Server oidc;
    private final List<LogRecord> records = Collections.synchronizedList(new ArrayList<>());
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord r) {
            records.add(r);
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    };
    /** Held here: java.util.logging keeps loggers only weakly. */
    private final Logger root = Logger.getLogger("");

    private URI start(Function<URI, MeshAgentConfig> configure, String... appMappings) throws Exception {
        root.addHandler(capture);
        tomcat = TomcatApp.start("/shop", configure, ctx -> {
            context = ctx;
            Tomcat.addServlet(ctx, "orders", new JettyApp.WhoAmI());
            for (String mapping : appMappings) {
                ctx.addServletMapping(mapping, "orders");
            }
        });
        return tomcat.base();
    }

    private MeshAgentConfig oidcConfig(URI base, String redirectPath) {
        return MeshAgentConfig.builder().issuer(oidc.issuerUrl("default").toString()).clientId("shop")
                .redirectUri(base + redirectPath).protectedPaths("/orders/*").build();
    }

    @AfterEach
    void stop() throws Exception {
        root.removeHandler(capture);
        if (tomcat != null) {
            tomcat.close();
        }
    }

    @BeforeAll
    static void startProvider() throws Exception {
        oidc = new MockOAuth2Server();
        oidc.start();
        // its first answer can take seconds on a busy machine: pay that here, not inside the filter's timeout
        new Browser().get(URI.create(oidc.wellKnownUrl("default").toString()));
    }

    @AfterAll
    static void stopProvider() {
        oidc.shutdown();
    }

    @Test
    void endpointsWorkWhenNoServletIsMappedAtMeshagent() throws Exception {
        URI base = start(b -> oidcConfig(b, "/shop/meshagent/callback"), "/orders/*");
        Browser browser = new Browser();
        HttpResponse<String> session = browser.get(base.resolve("/shop/meshagent/session"));
        assertEquals(200, session.statusCode(), session.body());
        assertTrue(session.body().contains("\"signed_in\":false"), session.body());

        oidc.enqueueCallback(new DefaultOAuth2TokenCallback("default", "grace"));
        HttpResponse<String> unsigned = browser.get(base.resolve("/shop/orders/7"));
        HttpResponse<String> login = browser.get(Browser.location(unsigned));
        HttpResponse<String> callback = browser.get(Browser.location(browser.get(Browser.location(login))));
        assertEquals(303, callback.statusCode(), callback.body());
        assertEquals("hello grace <null> at /shop/orders/7", browser.get(base.resolve("/shop/orders/7")).body());
        assertEquals(404, browser.get(base.resolve("/shop/meshagent/nothing-here")).statusCode());
        assertEquals(404, browser.get(base.resolve("/shop/elsewhere")).statusCode());
    }

    @Test
    void filterWarningsReachJavaUtilLogging() throws Exception {
        // "/" too: the request reaches the filter in any version, so this is about logging only
        URI base = start(b -> oidcConfig(b, "/shop/meshagent/callback"), "/orders/*", "/");
        HttpResponse<String> r = new Browser().post(base.resolve("/shop/meshagent/logout"),
                "Origin", "https://attacker.example", "Sec-Fetch-Site", "cross-site");
        assertEquals(403, r.statusCode(), r.body());
        List<String> warnings;
        synchronized (records) {
            warnings = records.stream().filter(x -> x.getLevel().intValue() >= Level.WARNING.intValue())
                    .filter(x -> x.getLoggerName().startsWith("com.meshagent.filter."))
                    .map(x -> x.getLoggerName() + ": " + x.getMessage()).toList();
        }
        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).startsWith("com.meshagent.filter.internal.flow.SignOut: sign-out refused"), warnings.toString());
    }

    @Test
    void redirectUriWithoutTheContextPathStopsTheApp() throws Exception {
        start(b -> oidcConfig(b, "/meshagent/callback"), "/orders/*");
        assertTrue(!context.getState().isAvailable(), context.getState().toString());
        String reasons;
        synchronized (records) {
            reasons = records.stream().map(LogRecord::getThrown).filter(t -> t instanceof ServletException)
                    .map(Throwable::getMessage).reduce("", (a, m) -> a + m + "\n");
        }
        assertEquals("MeshAgentFilter configuration: meshagent.redirect-uri must have the path "
                + "/shop/meshagent/callback (the context path followed by /meshagent/callback), but its path is "
                + "/meshagent/callback\n", reasons);
    }
}
