package com.meshagent.spring.boot.nosecurity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.meshagent.filter.testing.Browser;
import com.meshagent.spring.boot.readme.DemoApplication;
import com.meshagent.spring.boot.testing.DevServerFixture;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.util.ClassUtils;

/**
 * The README's Boot 4 app ({@link DemoApplication}) on Tomcat with the starter, the meshagent properties and its
 * policy bean, and no Spring
 * Security on its class path (tagged {@code without-spring-security}: its own surefire execution leaves the
 * Spring Security jars out): a person signs in through the
 * devserver form, a controller reads the user, the policy bean decides room tokens, the meters count in Boot's
 * registry, and actuator health follows the devserver down and back up.
 */
@Tag("without-spring-security")
@SpringBootTest(classes = DemoApplication.class, webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT,
        properties = {"management.endpoint.health.show-details=always", "meshagent.health.cache-ttl=0s",
                "meshagent.excluded-paths=/actuator/*"})
class StarterAppTest {

    @RegisterExtension
    static final DevServerFixture DEV = new DevServerFixture();

    @DynamicPropertySource
    static void meshagent(DynamicPropertyRegistry properties) {
        DEV.register(properties);
    }

    @Autowired
    MeterRegistry meters;

    @Test
    void springSecurityIsNotOnThisClassPath() {
        assertFalse(ClassUtils.isPresent("org.springframework.security.web.SecurityFilterChain", null));
    }

    @Test
    void personSignsInAndTheControllerSeesTheUser() throws Exception {
        Browser anonymous = new Browser();
        HttpResponse<String> guarded = anonymous.get(DEV.app("/hello"));
        assertEquals(302, guarded.statusCode(), "without Spring Security the filter guards /* itself");
        assertTrue(guarded.headers().firstValue("Location").orElseThrow().contains("/meshagent/login"));
        String sessionCookie = anonymous.get(Browser.location(guarded)).headers().allValues("Set-Cookie").stream()
                .filter(c -> c.startsWith("JSESSIONID=")).findFirst().orElseThrow();
        assertTrue(sessionCookie.contains("HttpOnly") && sessionCookie.contains("SameSite=Lax"), sessionCookie);
        assertFalse(sessionCookie.contains("Secure"), "Secure only behind an https callback: " + sessionCookie);

        Browser b = DEV.signedIn("/hello", "ada@example.com");
        HttpResponse<String> hello = b.get(DEV.app("/hello"));
        assertEquals(200, hello.statusCode());
        assertEquals("Hello ada@example.com", hello.body());
        assertTrue(meters.get("meshagent.sign.ins").tag("outcome", "success").counter().count() >= 1);
        assertTrue(meters.get("meshagent.provider.requests").tag("endpoint", "token").tag("outcome", "success")
                .timer().count() >= 1);
    }

    @Test
    void thePolicyBeanDecidesRoomTokensAndTheMetersCount() throws Exception {
        Browser b = DEV.signedIn("/hello", "ada@example.com");
        String origin = DEV.appBase().toString();
        double mintedBefore = count("minted");
        double cachedBefore = count("cached");
        double deniedBefore = count("denied");
        HttpResponse<String> lobby = b.post(DEV.app("/meshagent/rooms/lobby/token"), "Origin", origin);
        assertEquals(200, lobby.statusCode(), lobby.body());
        assertTrue(lobby.body().contains("\"room_name\":\"lobby\""), lobby.body());
        assertEquals(200, b.post(DEV.app("/meshagent/rooms/lobby/token"), "Origin", origin).statusCode());
        HttpResponse<String> other = DEV.signedIn("/hello", "bob@other.example")
                .post(DEV.app("/meshagent/rooms/lobby/token"), "Origin", origin);
        assertEquals(403, other.statusCode());
        assertTrue(other.body().contains("Rooms are for example.com accounts"), other.body());
        assertEquals(1, count("minted") - mintedBefore);
        assertEquals(1, count("cached") - cachedBefore);
        assertEquals(1, count("denied") - deniedBefore);
    }

    private double count(String result) {
        var search = meters.find("meshagent.room.tokens").tag("result", result);
        return search.counter() != null ? search.counter().count()
                : search.functionCounter() != null ? search.functionCounter().count() : 0;
    }

    @Test
    void healthFollowsTheProviderDownAndBackUp() throws Exception {
        Browser probe = new Browser();
        HttpResponse<String> up = probe.get(DEV.app("/actuator/health/meshagent"));
        assertEquals(200, up.statusCode(), up.body());
        assertTrue(up.body().contains("\"status\":\"UP\""), up.body());
        String apiKey = DEV.dev().bootstrap().apiKey();
        String secret = DEV.dev().bootstrap().clientSecret();
        DEV.stop();
        try {
            HttpResponse<String> down = probe.get(DEV.app("/actuator/health/meshagent"));
            assertEquals(503, down.statusCode(), down.body());
            assertTrue(down.body().contains("\"status\":\"DOWN\""), down.body());
            assertFalse(down.body().contains(apiKey) || down.body().contains(secret), "no secret in health details");
        } finally {
            DEV.start();
        }
        HttpResponse<String> back = probe.get(DEV.app("/actuator/health/meshagent"));
        assertEquals(200, back.statusCode(), back.body());
        assertTrue(back.body().contains("\"status\":\"UP\""), back.body());
    }
}
