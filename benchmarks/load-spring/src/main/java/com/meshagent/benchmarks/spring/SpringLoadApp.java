package com.meshagent.benchmarks.spring;

import java.security.Principal;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Spring Boot with {@code oauth2Login} on Jetty, for the side-by-side load benchmark: {@code GET /app/hello}
 * needs a signed-in user, like the other servers' (registration {@code dev}, given on the command line).
 */
@SpringBootApplication
@RestController
public class SpringLoadApp {

    public static void main(String[] args) {
        SpringApplication.run(SpringLoadApp.class, args);
    }

    @Bean
    SecurityFilterChain security(HttpSecurity http) throws Exception {
        http.authorizeHttpRequests(a -> a.requestMatchers("/app/**").authenticated().anyRequest().permitAll())
                .oauth2Login(Customizer.withDefaults());
        return http.build();
    }

    @GetMapping("/app/hello")
    String hello(Principal user) {
        return "hello " + user.getName();
    }

    @GetMapping("/bare/json")
    String ready() {
        return "ready";
    }
}
