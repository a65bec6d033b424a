package com.meshagent.spring.boot;

import com.meshagent.filter.MeshAgentConfig;

/**
 * A bean that adjusts the filter's configuration after the {@code meshagent.*} properties were applied and
 * before it is built, for settings that have no property (a clock, a custom {@code RoomTokens} issuer, ...).
 */
@FunctionalInterface
public interface MeshAgentConfigCustomizer {

    void customize(MeshAgentConfig.Builder builder);
}
