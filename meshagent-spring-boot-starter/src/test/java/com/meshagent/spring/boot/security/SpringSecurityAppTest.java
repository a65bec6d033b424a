package com.meshagent.spring.boot.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.meshagent.filter.MeshAgentRequests;
import com.meshagent.filter.MeshAgentUser;
import com.meshagent.filter.room.ApiScope;
import com.meshagent.filter.room.ParticipantRole;
import com.meshagent.filter.room.RoomAccess;
import com.meshagent.filter.room.RoomAccessPolicy;
import com.meshagent.filter.testing.Browser;
import com.meshagent.spring.boot.testing.DevServerFixture;
import jakarta.servlet.http.HttpServletRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.stereotype.Service;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A Boot app with Spring Security (CSRF on, as by default) and the starter: the app's own
 * {@code authorizeHttpRequests} rules decide, anonymous requests are sent to {@code /meshagent/login}, the signed-in
 * MeshAgent user is the {@code Authentication} ({@code @AuthenticationPrincipal}, method security), and the
 * filter's POST endpoints (room token, sign-out) work without a CSRF token.
 */
@SpringBootTest(classes = SpringSecurityAppTest.App.class, webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
class SpringSecurityAppTest {

    @RegisterExtension
    static final DevServerFixture DEV = new DevServerFixture();

    @DynamicPropertySource
    static void meshagent(DynamicPropertyRegistry properties) {
        DEV.register(properties);
    }

    @Configuration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    @EnableMethodSecurity
    @Import({Pages.class, AdaOnly.class})
    static class App {
        @Bean
        SecurityFilterChain chain(HttpSecurity http) {
            return http.authorizeHttpRequests(a -> a
                            .requestMatchers("/", "/public").permitAll()
                            .anyRequest().authenticated())
                    .build();
        }

        @Bean
        RoomAccessPolicy rooms() {
            return (user, room) -> new RoomAccess.Allowed(ParticipantRole.USER, ApiScope.userDefault(),
                    Duration.ofMinutes(10));
        }
    }

    @Service
    static class AdaOnly {
        @PreAuthorize("principal.email == 'ada@example.com'")
        String secret() {
            return "for ada";
        }
    }

    @RestController
    static class Pages {
        private final AdaOnly adaOnly;

        Pages(AdaOnly adaOnly) {
            this.adaOnly = adaOnly;
        }

        @GetMapping("/public")
        String open(HttpServletRequest request) {
            return MeshAgentRequests.user(request).map(u -> "public for " + u.email()).orElse("public for anonymous");
        }

        @GetMapping("/me")
        String me(@AuthenticationPrincipal MeshAgentUser user, Authentication authentication, HttpServletRequest request) {
            return user.email() + " " + request.getRemoteUser() + " "
                    + MeshAgentRequests.user(request).map(MeshAgentUser::email).orElse("?") + " " + user.id() + " "
                    + authentication.getName();
        }

        @GetMapping("/ada")
        String ada() {
            return adaOnly.secret();
        }
    }

    @Test
    void anonymousRequestsFollowTheAppsRulesAndAreSentToMeshAgentSignIn() throws Exception {
        Browser b = new Browser();
        assertEquals("public for anonymous", b.get(DEV.app("/public")).body());
        HttpResponse<String> page = b.get(DEV.app("/me?tab=2"), "Accept", "text/html");
        assertEquals(302, page.statusCode());
        assertEquals(DEV.app("/meshagent/login?return_to=%2Fme%3Ftab%3D2").toString(),
                Browser.location(page).toString());
        HttpResponse<String> api = b.get(DEV.app("/me"), "Accept", "application/json");
        assertEquals(401, api.statusCode());
        assertTrue(api.body().contains("\"reason\":\"not_signed_in\""), api.body());
        assertTrue(api.body().contains("\"login_url\":\"\\/meshagent\\/login?return_to=%2Fme\"")
                || api.body().contains("\"login_url\":\"/meshagent/login?return_to=%2Fme\""), api.body());
    }

    @Test
    void aPagesFetchIsToldApartFromANavigationAsTheFilterDoesIt() throws Exception {
        Browser b = new Browser();
        // fetch() and XMLHttpRequest send Accept */*: a redirect to the provider would fail them opaquely
        HttpResponse<String> fetch = b.get(DEV.app("/me"), "Accept", "*/*", "Sec-Fetch-Mode", "cors");
        assertEquals(401, fetch.statusCode(), fetch.body());
        assertTrue(fetch.body().contains("\"reason\":\"not_signed_in\""), fetch.body());
        HttpResponse<String> xhr = b.get(DEV.app("/me"), "Accept", "*/*", "X-Requested-With", "XMLHttpRequest");
        assertEquals(401, xhr.statusCode(), xhr.body());
        HttpResponse<String> navigation = b.get(DEV.app("/me"), "Accept", "*/*", "Sec-Fetch-Mode", "navigate");
        assertEquals(302, navigation.statusCode());
        HttpResponse<String> text = b.get(DEV.app("/me"), "Accept", "text/plain");
        assertEquals(302, text.statusCode(), "only a request naming JSON without HTML is a script, as for the filter");
    }

    @Test
    void theSignedInUserIsTheAuthentication() throws Exception {
        Browser ada = DEV.signedIn("/me", "ada@example.com");
        HttpResponse<String> me = ada.get(DEV.app("/me"));
        assertEquals(200, me.statusCode(), me.body());
        String[] parts = me.body().split(" ");
        assertEquals("ada@example.com", parts[0], "@AuthenticationPrincipal MeshAgentUser");
        assertTrue(!parts[1].isBlank() && !parts[1].equals("null"), "getRemoteUser is the subject id: " + me.body());
        assertEquals("ada@example.com", parts[2], "MeshAgentRequests.user still works behind Spring Security");
        assertEquals(parts[3], parts[1], "getRemoteUser is the subject id: " + me.body());
        assertEquals(parts[3], parts[4], "the Authentication's name is the subject id: " + me.body());
        assertEquals("public for ada@example.com", ada.get(DEV.app("/public")).body());
        assertEquals(200, ada.get(DEV.app("/ada")).statusCode(), "method security sees the MeshAgent user");

        Browser bob = DEV.signedIn("/me", "bob@example.com");
        assertEquals(403, bob.get(DEV.app("/ada")).statusCode());
    }

    @Test
    void theFiltersPostEndpointsWorkWithCsrfOn() throws Exception {
        Browser ada = DEV.signedIn("/me", "ada@example.com");
        String origin = DEV.appBase().toString();
        HttpResponse<String> token = ada.post(DEV.app("/meshagent/rooms/lobby/token"), "Origin", origin);
        assertEquals(200, token.statusCode(), token.body());
        HttpResponse<String> crossSite = ada.post(DEV.app("/meshagent/rooms/lobby/token"), "Origin", "https://evil.example");
        assertEquals(403, crossSite.statusCode(), "the filter's own same-origin check still applies");
        assertTrue(crossSite.body().contains("cross_origin"), crossSite.body());
        HttpResponse<String> logout = ada.post(DEV.app("/meshagent/logout"), "Origin", origin);
        assertEquals(303, logout.statusCode(), logout.body());
        assertEquals(302, ada.get(DEV.app("/me"), "Accept", "text/html").statusCode(), "signed out");
    }
}
