/**
 * Optional Micrometer metrics. {@code Metrics} is what the rest of the filter calls, and never names a
 * Micrometer type; {@code MicrometerMetrics} is the one class that does, loaded only when the configuration
 * carries a registry, so the filter runs without Micrometer on the class path. Not API.
 */
package com.meshagent.filter.internal.metrics;
