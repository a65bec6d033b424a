package com.meshagent.spring.boot;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The {@code meshagent.*} settings, documented for IDE completion. Every value is a string handed unchanged to
 * the filter's own parser ({@code MeshAgentConfig.Builder#fromInitParameters}), so a key means exactly what the
 * README's Configuration table says and a bad value fails start-up naming the key. A key added to the filter is
 * bound without a change here; adding its field here adds its documentation.
 */
@ConfigurationProperties("meshagent")
public class MeshAgentProperties {

    /** MeshAgent API base URL (default https://api.meshagent.com). */
    private String apiUrl;
    /** OIDC issuer URL; setting it switches from MeshAgent mode to OIDC mode. */
    private String issuer;
    /** OAuth client id (required: without it the starter does nothing). */
    private String clientId;
    /** OAuth client secret; leave unset for a public client (PKCE only). A secret: keep it out of source control. */
    private String clientSecret;
    /** Absolute callback URL registered on the client, ending in /meshagent/callback (required). */
    private String redirectUri;
    /** Space-separated scopes (default "openid profile email offline_access"). */
    private String scopes;
    /** MeshAgent project id. */
    private String projectId;
    /** MeshAgent API key (ma-...) that signs room participant tokens. A secret. */
    private String apiKey;
    /** Room websocket base URL (ws:// or wss://); default derived from the API URL. */
    private String roomUrl;
    /**
     * Paths that need sign-in, comma- or space-separated (/exact, /prefix/*, /* or *.ext); default /*, or none
     * with Spring Security on the class path (Spring Security then decides).
     */
    private String protectedPaths;
    /** Paths that never need sign-in even when a protected pattern matches. */
    private String excludedPaths;
    /** Same-origin path the browser lands on after POST /meshagent/logout (default /). */
    private String afterLogoutPath;
    /** Client authentication at the token endpoint: post (default) or basic. */
    private String clientAuthMethod;
    /** Connect timeout for provider calls: milliseconds or a duration such as 5s or PT5S (default 5 s). */
    private String connectTimeout;
    /** Total timeout for one provider call (default 10 s). */
    private String readTimeout;
    /** Refresh the access token this long before it expires (default 60 s). */
    private String refreshSkew;
    /** Largest response body accepted from any outbound call, in bytes (default 262144, 256 KiB). */
    private String maxResponseBytes;
    /** Oldest an ID token may be, by its iat, when it arrives (OIDC mode; default 10 min, 1 s to 1 day). */
    private String idTokenMaxAge;
    /** Room-token requests per user and window, as requests/window (e.g. 60/PT1M, the default), or off. */
    private String roomTokenRateLimit;
    /** Path the OIDC provider POSTs back-channel logout tokens to (OIDC mode; default /meshagent/backchannel-logout). */
    private String backchannelLogoutPath;
    /** Class name of a RoomAccessPolicy with a public no-arg constructor; a RoomAccessPolicy bean is preferred. */
    private String roomAccessPolicy;

    private final Health health = new Health();

    /** Settings of the meshagent health indicator (Spring Boot Actuator). */
    public static class Health {
        /** How long one probe of the provider is reused; health checks never call the provider more often. */
        private Duration cacheTtl = Duration.ofSeconds(30);

        public Duration getCacheTtl() { return cacheTtl; }

        public void setCacheTtl(Duration cacheTtl) { this.cacheTtl = cacheTtl; }
    }

    public Health getHealth() { return health; }

    public String getApiUrl() { return apiUrl; }

    public void setApiUrl(String apiUrl) { this.apiUrl = apiUrl; }

    public String getIssuer() { return issuer; }

    public void setIssuer(String issuer) { this.issuer = issuer; }

    public String getClientId() { return clientId; }

    public void setClientId(String clientId) { this.clientId = clientId; }

    public String getClientSecret() { return clientSecret; }

    public void setClientSecret(String clientSecret) { this.clientSecret = clientSecret; }

    public String getRedirectUri() { return redirectUri; }

    public void setRedirectUri(String redirectUri) { this.redirectUri = redirectUri; }

    public String getScopes() { return scopes; }

    public void setScopes(String scopes) { this.scopes = scopes; }

    public String getProjectId() { return projectId; }

    public void setProjectId(String projectId) { this.projectId = projectId; }

    public String getApiKey() { return apiKey; }

    public void setApiKey(String apiKey) { this.apiKey = apiKey; }

    public String getRoomUrl() { return roomUrl; }

    public void setRoomUrl(String roomUrl) { this.roomUrl = roomUrl; }

    public String getProtectedPaths() { return protectedPaths; }

    public void setProtectedPaths(String protectedPaths) { this.protectedPaths = protectedPaths; }

    public String getExcludedPaths() { return excludedPaths; }

    public void setExcludedPaths(String excludedPaths) { this.excludedPaths = excludedPaths; }

    public String getAfterLogoutPath() { return afterLogoutPath; }

    public void setAfterLogoutPath(String afterLogoutPath) { this.afterLogoutPath = afterLogoutPath; }

    public String getClientAuthMethod() { return clientAuthMethod; }

    public void setClientAuthMethod(String clientAuthMethod) { this.clientAuthMethod = clientAuthMethod; }

    public String getConnectTimeout() { return connectTimeout; }

    public void setConnectTimeout(String connectTimeout) { this.connectTimeout = connectTimeout; }

    public String getReadTimeout() { return readTimeout; }

    public void setReadTimeout(String readTimeout) { this.readTimeout = readTimeout; }

    public String getRefreshSkew() { return refreshSkew; }

    public void setRefreshSkew(String refreshSkew) { this.refreshSkew = refreshSkew; }

    public String getMaxResponseBytes() { return maxResponseBytes; }

    public void setMaxResponseBytes(String maxResponseBytes) { this.maxResponseBytes = maxResponseBytes; }

    public String getIdTokenMaxAge() { return idTokenMaxAge; }

    public void setIdTokenMaxAge(String idTokenMaxAge) { this.idTokenMaxAge = idTokenMaxAge; }

    public String getRoomTokenRateLimit() { return roomTokenRateLimit; }

    public void setRoomTokenRateLimit(String roomTokenRateLimit) { this.roomTokenRateLimit = roomTokenRateLimit; }

    public String getBackchannelLogoutPath() { return backchannelLogoutPath; }

    public void setBackchannelLogoutPath(String backchannelLogoutPath) { this.backchannelLogoutPath = backchannelLogoutPath; }

    public String getRoomAccessPolicy() { return roomAccessPolicy; }

    public void setRoomAccessPolicy(String roomAccessPolicy) { this.roomAccessPolicy = roomAccessPolicy; }
}
