package com.meshagent.devserver.oauth;

import com.meshagent.devserver.state.AccountsState;
import com.meshagent.devserver.state.OAuthClient;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jwt.JWTClaimsSet;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * OpenID Connect Back-Channel Logout 1.0, the provider's side: ends a user's provider-side sign-ins and
 * POSTs a logout token ({@code logout_token=...}, form-encoded) to the back-channel logout URI of every
 * client that signed in through one of them. Deliveries run in parallel, each bounded by a connect and a
 * response timeout; a receiver that fails or hangs is logged and otherwise ignored.
 */
public final class BackchannelLogout {
    private static final Logger LOG = LoggerFactory.getLogger(BackchannelLogout.class);
    /** The {@code events} member that marks a logout token (Back-Channel Logout 1.0 §2.4). */
    public static final String EVENT = "http://schemas.openid.net/event/backchannel-logout";
    /** Logout tokens are for immediate use (the spec recommends at most two minutes). */
    static final Duration TOKEN_LIFETIME = Duration.ofMinutes(2);
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
    static final Duration RESPONSE_TIMEOUT = Duration.ofSeconds(5);

    /** The outcome of one POST: the HTTP status, or 0 with {@code problem} when no answer came. */
    public record Delivery(String clientId, int status, String problem) {}

    private final AccountsState accounts;
    private final TokenService tokens;
    private final IdTokens signer;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT)
            .followRedirects(HttpClient.Redirect.NEVER).build();

    public BackchannelLogout(AccountsState accounts, TokenService tokens, IdTokens signer) {
        this.accounts = accounts;
        this.tokens = tokens;
        this.signer = signer;
    }

    /**
     * Ends every sign-in of {@code userId} (revoking the user's tokens) and tells each client that has a
     * back-channel logout URI; returns once every delivery answered or timed out.
     */
    public List<Delivery> endSignIns(String userId) {
        List<CompletableFuture<Delivery>> pending = new ArrayList<>();
        for (TokenService.EndedSignIn ended : tokens.endSignIns(userId)) {
            OAuthClient client = accounts.snapshot().clients().get(ended.clientId());
            if (client != null && client.backchannelLogoutUri() != null) {
                pending.add(deliver(client, ended));
            }
        }
        List<Delivery> out = new ArrayList<>();
        for (CompletableFuture<Delivery> f : pending) {
            out.add(f.join());
        }
        return out;
    }

    private CompletableFuture<Delivery> deliver(OAuthClient client, TokenService.EndedSignIn ended) {
        String uri = client.backchannelLogoutUri();
        HttpRequest request;
        try {
            request = HttpRequest.newBuilder(URI.create(uri)).timeout(RESPONSE_TIMEOUT)
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("logout_token=" + URLEncoder.encode(
                            logoutToken(client.clientId(), ended.userId(), ended.sid(), tokens.now()),
                            StandardCharsets.UTF_8)))
                    .build();
        } catch (RuntimeException e) {
            return CompletableFuture.completedFuture(logged(client, uri, 0, "cannot build the request: " + e.getMessage()));
        }
        return http.sendAsync(request, HttpResponse.BodyHandlers.discarding())
                .orTimeout(CONNECT_TIMEOUT.plus(RESPONSE_TIMEOUT).toMillis(), TimeUnit.MILLISECONDS)
                .handle((response, failure) -> response != null
                        ? logged(client, uri, response.statusCode(), null)
                        : logged(client, uri, 0, describe(failure)));
    }

    private static Delivery logged(OAuthClient client, String uri, int status, String problem) {
        if (problem == null) {
            LOG.info("back-channel logout to client {} at {}: HTTP {}", client.clientId(), uri, status);
        } else {
            LOG.warn("back-channel logout to client {} at {} failed: {}", client.clientId(), uri, problem);
        }
        return new Delivery(client.clientId(), status, problem);
    }

    private static String describe(Throwable failure) {
        Throwable t = failure instanceof java.util.concurrent.CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        return t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
    }

    /**
     * A logout token (Back-Channel Logout 1.0 §2.4) for {@code clientId}: iss, aud, iat, a short exp, a unique jti, the
     * back-channel logout event, sid and sub, and never a nonce; header typ {@code logout+jwt}.
     */
    String logoutToken(String clientId, String sub, String sid, Instant now) {
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(signer.issuer())
                .audience(clientId)
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(TOKEN_LIFETIME)))
                .jwtID(UUID.randomUUID().toString())
                .subject(sub)
                .claim("sid", sid)
                .claim("events", Map.of(EVENT, Map.of()))
                .build();
        return signer.signed(new JOSEObjectType("logout+jwt"), claims);
    }
}
