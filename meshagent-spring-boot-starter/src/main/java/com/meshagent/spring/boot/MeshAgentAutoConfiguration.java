package com.meshagent.spring.boot;

import com.meshagent.filter.MeshAgentConfig;
import com.meshagent.filter.MeshAgentFilter;
import com.meshagent.filter.room.RoomAccessPolicy;
import com.meshagent.filter.room.RoomTokens;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.DispatcherType;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.web.servlet.ServletContextInitializer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.io.ResourceLoader;
import org.springframework.util.ClassUtils;

/**
 * "Sign in with MeshAgent" for a Spring Boot servlet application, active when {@code meshagent.client-id} is set.
 *
 * <p>Registers {@link MeshAgentFilter} for {@code /*} at order {@link #FILTER_ORDER}: after Spring's request
 * wrappers, before Spring Security's filter chain (order -100), so Spring Security sees the signed-in MeshAgent
 * user, and the filter's own endpoints ({@code /meshagent/**}) are answered before Spring Security's CSRF check or
 * entry point could see them. The configuration is read from the {@code meshagent.*} properties with relaxed
 * binding, then a {@link RoomAccessPolicy} or {@link RoomTokens} bean, Boot's {@link MeterRegistry} and any
 * {@link MeshAgentConfigCustomizer} beans are applied.
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(MeshAgentFilter.class)
@ConditionalOnProperty(prefix = "meshagent", name = "client-id")
@EnableConfigurationProperties(MeshAgentProperties.class)
public class MeshAgentAutoConfiguration {

    /** The filter's order: before Spring Security's filter chain (-100). */
    public static final int FILTER_ORDER = -110;

    private static final Pattern PROPERTY = Pattern.compile("meshagent\\.[a-z][a-z-]*[a-z]");
    /** What {@code MeshAgentSecurityAutoConfiguration} needs: with both, Spring Security decides who sees what. */
    private static final List<String> SPRING_SECURITY = List.of("org.springframework.security.web.SecurityFilterChain",
            "org.springframework.security.config.annotation.web.builders.HttpSecurity");

    @Bean
    @ConditionalOnMissingBean
    public MeshAgentConfig meshAgentConfig(Environment environment, ResourceLoader classes,
            ObjectProvider<RoomAccessPolicy> policy, ObjectProvider<RoomTokens> roomTokens,
            ObjectProvider<MeshAgentConfigCustomizer> customizers) {
        Binder binder = Binder.get(environment);
        String[] current = {null};
        Function<String, String> lookup = key -> {
            String value = binder.bind(key, String.class).orElse(null);
            if (value != null && !value.isBlank()) {
                current[0] = key;
            }
            return value;
        };
        MeshAgentConfig.Builder builder = MeshAgentConfig.builder();
        try {
            if (SPRING_SECURITY.stream().allMatch(c -> ClassUtils.isPresent(c, classes.getClassLoader()))) {
                // Spring Security decides who may see what; the filter guards only paths named explicitly
                builder.protectedPaths();
            }
            builder.fromInitParameters(lookup);
            current[0] = "meshagent.room-access-policy";
            policy.ifUnique(builder::roomAccessPolicy);
            roomTokens.ifUnique(builder::roomTokens);
            current[0] = null;
            customizers.orderedStream().forEach(c -> c.customize(builder));
            return builder.build();
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new MeshAgentConfigurationException(property(e.getMessage(), current[0]), e);
        }
    }

    /** The property a message names, else the one being applied when it was thrown. */
    static String property(String message, String applying) {
        Matcher m = PROPERTY.matcher(message == null ? "" : message);
        if (m.find()) {
            return m.group();
        }
        return applying != null ? applying : "meshagent.*";
    }

    @Bean
    @ConditionalOnMissingBean(name = "meshAgentFilter")
    public FilterRegistrationBean<MeshAgentFilter> meshAgentFilter(MeshAgentConfig config) {
        FilterRegistrationBean<MeshAgentFilter> registration = new FilterRegistrationBean<>(new MeshAgentFilter(config));
        registration.setName("meshAgentFilter");
        registration.addUrlPatterns("/*");
        registration.setDispatcherTypes(DispatcherType.REQUEST);
        registration.setOrder(FILTER_ORDER);
        return registration;
    }

    /** Session cookie HttpOnly, SameSite=Lax, Secure when the callback is https, and cookie-only tracking. */
    @Bean
    public ServletContextInitializer meshAgentSessionCookies(MeshAgentConfig config) {
        boolean https = config.redirectUri().getScheme().toLowerCase(Locale.ROOT).equals("https");
        return context -> MeshAgentFilter.configureSessionCookies(context, https);
    }

    /** Records the filter's meters in Boot's registry when Micrometer is present. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(MeterRegistry.class)
    static class Metrics {

        @Bean
        MeshAgentConfigCustomizer meshAgentMeterRegistry(ObjectProvider<MeterRegistry> registry) {
            return builder -> registry.ifAvailable(builder::meterRegistry);
        }
    }
}
