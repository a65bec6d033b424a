package com.meshagent.spring.boot.health;

import com.meshagent.filter.MeshAgentConfig;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * {@code meshagent}: whether the provider answers. OIDC mode fetches the discovery document (UP on 200); MeshAgent
 * mode asks the API URL (UP on any answer below 500). One probe serves every health check for {@code cacheTtl}, so
 * frequent probes (load balancers, Kubernetes) never hammer the provider; concurrent checks share one probe.
 * Details name the mode, the provider URL (never a secret, never a token) and the HTTP status or the kind of failure.
 */
public final class MeshAgentHealthIndicator implements HealthIndicator {

    private record Probe(Health health, Instant at) {}

    private final URI target;
    private final boolean oidc;
    private final String provider;
    private final Duration cacheTtl;
    private final Duration timeout;
    private final Clock clock;
    private final HttpClient client;
    private volatile Probe last;

    public MeshAgentHealthIndicator(MeshAgentConfig config, Duration cacheTtl, Clock clock) {
        this.oidc = config.oidcMode();
        URI base = config.issuer().orElse(config.apiUrl());
        this.provider = base.toString();
        String b = provider.endsWith("/") ? provider : provider + "/";
        this.target = oidc ? URI.create(b + ".well-known/openid-configuration") : base;
        this.cacheTtl = cacheTtl;
        this.timeout = config.readTimeout();
        this.clock = clock;
        this.client = HttpClient.newBuilder().connectTimeout(config.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    @Override
    public Health health() {
        Probe p = last;
        if (p != null && fresh(p)) {
            return p.health();
        }
        synchronized (this) {
            p = last;
            if (p == null || !fresh(p)) {
                p = new Probe(probe(), clock.instant());
                last = p;
            }
            return p.health();
        }
    }

    private boolean fresh(Probe p) {
        return clock.instant().isBefore(p.at().plus(cacheTtl));
    }

    private Health probe() {
        Health.Builder h = new Health.Builder().withDetail("mode", oidc ? "oidc" : "meshagent")
                .withDetail("provider", provider).withDetail("checkedAt", clock.instant().toString());
        try {
            HttpResponse<Void> r = client.send(HttpRequest.newBuilder(target).timeout(timeout).GET().build(),
                    HttpResponse.BodyHandlers.discarding());
            boolean up = oidc ? r.statusCode() == 200 : r.statusCode() < 500;
            return (up ? h.up() : h.down()).withDetail("status", r.statusCode()).build();
        } catch (IOException e) {
            return h.down().withDetail("error", e.getClass().getSimpleName()).build();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return h.down().withDetail("error", "interrupted").build();
        }
    }
}
