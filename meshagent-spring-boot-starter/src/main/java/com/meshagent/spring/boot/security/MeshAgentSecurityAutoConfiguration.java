package com.meshagent.spring.boot.security;

import com.meshagent.spring.boot.MeshAgentAutoConfiguration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.context.SecurityContextHolderFilter;
import org.springframework.security.web.util.matcher.AnyRequestMatcher;

/**
 * With Spring Security on the class path, every {@code SecurityFilterChain} built from Boot's {@link HttpSecurity}
 * (Boot's default one and the application's own) gets: the signed-in MeshAgent user as the request's
 * {@code Authentication} ({@link MeshAgentAuthentication}), an entry point that sends anonymous requests to
 * {@code /meshagent/login}, and {@code /meshagent/**} exempt from CSRF checks. The last is a safety net: the
 * MeshAgent filter runs before the chain and answers its own endpoints itself (its POSTs are checked for a
 * same-origin {@code Origin}), so they never reach the chain unless the filter was ordered after it.
 */
@AutoConfiguration(after = MeshAgentAutoConfiguration.class)
@ConditionalOnClass({SecurityFilterChain.class, HttpSecurity.class})
@ConditionalOnBean(name = "meshAgentFilter")
public class MeshAgentSecurityAutoConfiguration {

    @Bean
    Customizer<HttpSecurity> meshAgentHttpSecurity(ObjectProvider<SecurityContextHolderStrategy> strategy) {
        return http -> {
            SecurityContextHolderStrategy holder = strategy.getIfAvailable(SecurityContextHolder::getContextHolderStrategy);
            http.addFilterAfter(new MeshAgentAuthenticationFilter(holder), SecurityContextHolderFilter.class);
            http.exceptionHandling(e -> e.defaultAuthenticationEntryPointFor(new MeshAgentEntryPoint(),
                    AnyRequestMatcher.INSTANCE));
            http.csrf(c -> c.ignoringRequestMatchers("/meshagent/**"));
        };
    }
}
