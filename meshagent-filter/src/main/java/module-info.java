/**
 * "Sign in with MeshAgent" for Jakarta Servlet containers. Exports exactly the public API the README documents:
 * the filter and its configuration ({@code com.meshagent.filter}), rooms and participant tokens
 * ({@code com.meshagent.filter.room}), the REST administration client ({@code com.meshagent.filter.admin}) and what
 * several nodes share ({@code com.meshagent.filter.cluster}).
 * Everything under {@code com.meshagent.filter.internal} stays inside the module.
 */
module com.meshagent.filter {
    exports com.meshagent.filter;
    exports com.meshagent.filter.room;
    exports com.meshagent.filter.admin;
    exports com.meshagent.filter.cluster;

    // MeshAgentFilter implements jakarta.servlet.Filter, so users of the filter read the Servlet API too
    requires transitive jakarta.servlet;
    requires java.net.http;
    // the cluster package's PostgreSQL implementations use plain JDBC; the application brings the driver
    requires transitive java.sql;
    requires com.nimbusds.jose.jwt;
    // oauth2-oidc-sdk has no module descriptor nor Automatic-Module-Name: the name comes from its file name
    requires oauth2.oidc.sdk;
    requires com.github.benmanes.caffeine;
    // optional: metrics only when the application passes a MeterRegistry
    requires static micrometer.core;
}
