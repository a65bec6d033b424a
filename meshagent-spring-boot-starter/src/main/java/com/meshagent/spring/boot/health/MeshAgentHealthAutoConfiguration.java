package com.meshagent.spring.boot.health;

import com.meshagent.filter.MeshAgentConfig;
import com.meshagent.spring.boot.MeshAgentAutoConfiguration;
import com.meshagent.spring.boot.MeshAgentProperties;
import java.time.Clock;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

/** The {@code meshagent} health indicator, with Spring Boot's health support on the class path. */
@AutoConfiguration(after = MeshAgentAutoConfiguration.class)
@ConditionalOnClass(HealthIndicator.class)
@ConditionalOnBean(MeshAgentConfig.class)
@ConditionalOnEnabledHealthIndicator("meshagent")
public class MeshAgentHealthAutoConfiguration {

    @Bean(name = "meshagentHealthIndicator")
    @ConditionalOnMissingBean(name = "meshagentHealthIndicator")
    public MeshAgentHealthIndicator meshagentHealthIndicator(MeshAgentConfig config, MeshAgentProperties properties) {
        return new MeshAgentHealthIndicator(config, properties.getHealth().getCacheTtl(), Clock.systemUTC());
    }
}
