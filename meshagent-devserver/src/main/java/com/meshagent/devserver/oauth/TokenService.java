package com.meshagent.devserver.oauth;

import com.meshagent.devserver.protocol.InferredBehaviour;
import com.meshagent.devserver.http.ApiError;
import com.meshagent.devserver.state.Secrets;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The short-lived OAuth state, in memory: pending authorization requests, authorization codes, access
 * tokens and refresh-token families. All time comes from the injected {@link Clock}.
 *
 * <p>Refresh tokens form a family per sign-in. With rotation on, each use replaces the token; presenting
 * a replaced token again revokes the whole family (RFC 9700 §4.14.2). A redeemed authorization code
 * presented again likewise revokes what it produced (RFC 6749 §4.1.2).
 *
 * <p>Each answer of the sign-in form starts a provider-side sign-in with its own {@code sid} (the
 * devserver keeps no browser session, so one form answer is one sign-in). The clients that redeemed a code
 * of that sign-in are remembered, so ending a user's sign-ins can tell each of them (back-channel logout).
 */
public final class TokenService {
    public static final Duration CODE_LIFETIME = InferredBehaviour.AUTHORIZATION_CODE_LIFETIME;
    public static final Duration PENDING_LIFETIME = InferredBehaviour.SIGN_IN_FORM_LIFETIME;
    public static final Duration REFRESH_LIFETIME = InferredBehaviour.REFRESH_TOKEN_LIFETIME;
    /** Most pending authorization requests kept; a flood of authorize GETs evicts the oldest. */
    static final int MAX_PENDING = 10_000;

    /** An authorization request waiting for the sign-in form. */
    public record Pending(String clientId, String redirectUri, List<String> scopes, String state,
            String codeChallenge, String nonce, Instant expiresAt) {}

    /** What an authorization code stands for. */
    public record CodeGrant(String clientId, String redirectUri, String userId, List<String> scopes,
            String codeChallenge, String nonce, Instant authTime, Instant expiresAt, String sid) {}

    /** A provider-side sign-in that ended, and a client that signed in through it. */
    public record EndedSignIn(String sid, String userId, String clientId) {}

    /** A live access token. */
    public record AccessGrant(String userId, String clientId, List<String> scopes, Instant expiresAt, String familyId) {}

    private record RefreshGrant(String familyId, String userId, String clientId, List<String> scopes, Instant expiresAt,
            boolean rotated) {}

    private record Redeemed(String familyId, Instant expiresAt) {}

    /** Tokens just issued. */
    public record Issued(String accessToken, long expiresIn, String refreshToken, List<String> scopes, String userId,
            String clientId, String nonce, Instant authTime, String sid) {
        @Override
        public String toString() {
            return "Issued[accessToken=<redacted>, refreshToken=<redacted>, expiresIn=" + expiresIn + ", scopes="
                    + scopes + ", userId=" + userId + ", clientId=" + clientId + "]";
        }
    }

    private final Clock clock;
    private final TokenKnobs knobs;
    private final Map<String, Pending> pending = new LinkedHashMap<>();
    private final Map<String, CodeGrant> codes = new HashMap<>();
    private final Map<String, Redeemed> redeemed = new HashMap<>();
    private final Map<String, AccessGrant> access = new HashMap<>();
    private final Map<String, RefreshGrant> refresh = new HashMap<>();
    /** sid of each live token family. */
    private final Map<String, String> familySid = new HashMap<>();
    /** Live provider-side sign-ins: sid to user id and the clients that redeemed a code of it. */
    private final Map<String, String> signInUser = new HashMap<>();
    private final Map<String, java.util.Set<String>> signInClients = new HashMap<>();

    public TokenService(Clock clock, TokenKnobs knobs) {
        this.clock = clock;
        this.knobs = knobs;
    }

    public Instant now() {
        return clock.instant();
    }

    public synchronized String savePending(Pending p) {
        sweep();
        if (pending.size() >= MAX_PENDING) {
            pending.remove(pending.keySet().iterator().next());
        }
        String id = Secrets.token(24);
        pending.put(id, p);
        return id;
    }

    public synchronized Optional<Pending> pending(String id) {
        Pending p = id == null ? null : pending.get(id);
        if (p == null || !now().isBefore(p.expiresAt())) {
            return Optional.empty();
        }
        return Optional.of(p);
    }

    public synchronized void removePending(String id) {
        pending.remove(id);
    }

    /** Starts a provider-side sign-in of {@code userId}; returns its {@code sid}. */
    private String startSignIn(String userId) {
        String sid = Secrets.token(16);
        signInUser.put(sid, userId);
        signInClients.put(sid, new java.util.LinkedHashSet<>());
        return sid;
    }

    /**
     * Ends every provider-side sign-in of {@code userId} and revokes all of the user's access and refresh
     * tokens; returns one entry per (sign-in, client) pair, for back-channel logout.
     */
    public synchronized List<EndedSignIn> endSignIns(String userId) {
        List<EndedSignIn> ended = new java.util.ArrayList<>();
        signInUser.entrySet().removeIf(e -> {
            if (!e.getValue().equals(userId)) {
                return false;
            }
            for (String client : signInClients.remove(e.getKey())) {
                ended.add(new EndedSignIn(e.getKey(), userId, client));
            }
            return true;
        });
        access.values().removeIf(g -> g.userId().equals(userId));
        refresh.values().removeIf(g -> g.userId().equals(userId));
        codes.values().removeIf(g -> g.userId().equals(userId));
        familySid.keySet().retainAll(liveFamilies());
        return ended;
    }

    /** How many provider-side sign-ins are remembered (for tests of the sweep). */
    synchronized int liveSignIns() {
        return signInUser.size();
    }

    private java.util.Set<String> liveFamilies() {
        java.util.Set<String> live = new java.util.HashSet<>();
        access.values().forEach(g -> live.add(g.familyId()));
        refresh.values().forEach(g -> live.add(g.familyId()));
        return live;
    }

    /** Issues a code for {@code grant} (its {@code sid} is ignored): the code starts a new provider-side sign-in. */
    public synchronized String issueCode(CodeGrant grant) {
        sweep();
        String code = Secrets.token(32);
        codes.put(code, new CodeGrant(grant.clientId(), grant.redirectUri(), grant.userId(), grant.scopes(),
                grant.codeChallenge(), grant.nonce(), grant.authTime(), grant.expiresAt(), startSignIn(grant.userId())));
        return code;
    }

    /**
     * Redeems {@code code} for {@code clientId}: single use, unexpired, same redirect URI, and a PKCE
     * verifier whose S256 equals the challenge. Any failure is {@code invalid_grant} and consumes the code.
     */
    public synchronized Issued redeemCode(String code, String clientId, String redirectUri, String verifier,
            boolean withRefresh) {
        Redeemed again = redeemed.remove(code);
        if (again != null) {
            revokeFamily(again.familyId());
            throw invalidGrant("authorization code was already used; tokens issued from it are revoked");
        }
        CodeGrant grant = codes.remove(code);
        if (grant == null) {
            throw invalidGrant("unknown authorization code");
        }
        if (!now().isBefore(grant.expiresAt())) {
            throw invalidGrant("authorization code expired");
        }
        if (!grant.clientId().equals(clientId)) {
            throw invalidGrant("authorization code was issued to another client");
        }
        if (!grant.redirectUri().equals(redirectUri)) {
            throw invalidGrant("redirect_uri does not match the authorization request");
        }
        if (!Pkce.verifierWellFormed(verifier)) {
            throw invalidGrant("code_verifier must be 43-128 characters of [A-Za-z0-9-._~]");
        }
        if (!Secrets.equal(Pkce.s256(verifier), grant.codeChallenge())) {
            throw invalidGrant("code_verifier does not match the code_challenge");
        }
        String family = Secrets.token(16);
        redeemed.put(code, new Redeemed(family, grant.expiresAt()));
        String sid = grant.sid();
        if (sid != null && signInClients.containsKey(sid)) {
            signInClients.get(sid).add(clientId);
            familySid.put(family, sid);
        } else {
            sid = null; // the sign-in has ended meanwhile
        }
        return issue(family, grant.userId(), clientId, grant.scopes(), withRefresh, grant.nonce(), grant.authTime(),
                sid);
    }

    /** Exchanges a refresh token (rotating it when the knob says so). */
    public synchronized Issued refresh(String token, String clientId, List<String> requestedScopes) {
        RefreshGrant grant = refresh.get(token);
        if (grant == null || !now().isBefore(grant.expiresAt())) {
            throw invalidGrant("unknown or expired refresh token");
        }
        if (!grant.clientId().equals(clientId)) {
            throw invalidGrant("refresh token was issued to another client");
        }
        if (grant.rotated()) {
            revokeFamily(grant.familyId());
            throw invalidGrant("refresh token was already used; the sign-in is revoked");
        }
        List<String> scopes = grant.scopes();
        if (!requestedScopes.isEmpty()) {
            if (!Scopes.allowed(requestedScopes, grant.scopes())) {
                throw new ApiError(400, "invalid_scope", "requested scope exceeds the original grant");
            }
            scopes = requestedScopes;
        }
        if (knobs.refreshRotation()) {
            refresh.put(token, new RefreshGrant(grant.familyId(), grant.userId(), grant.clientId(), grant.scopes(),
                    grant.expiresAt(), true));
            return issue(grant.familyId(), grant.userId(), clientId, scopes, true, null, null,
                    familySid.get(grant.familyId()));
        }
        return issue(grant.familyId(), grant.userId(), clientId, scopes, false, null, null,
                familySid.get(grant.familyId()));
    }

    private Issued issue(String family, String userId, String clientId, List<String> scopes, boolean withRefresh,
            String nonce, Instant authTime, String sid) {
        sweep();
        Instant now = now();
        Duration life = knobs.accessTokenLifetime();
        String at = Secrets.token(32);
        access.put(at, new AccessGrant(userId, clientId, List.copyOf(scopes), now.plus(life), family));
        String rt = null;
        if (withRefresh) {
            rt = Secrets.token(32);
            refresh.put(rt, new RefreshGrant(family, userId, clientId, List.copyOf(scopes), now.plus(REFRESH_LIFETIME),
                    false));
        }
        return new Issued(at, life.toSeconds(), rt, List.copyOf(scopes), userId, clientId, nonce, authTime, sid);
    }

    /** The live access token {@code token}, if any. */
    public synchronized Optional<AccessGrant> access(String token) {
        AccessGrant g = token == null ? null : access.get(token);
        if (g == null || !now().isBefore(g.expiresAt())) {
            return Optional.empty();
        }
        return Optional.of(g);
    }

    /**
     * RFC 7009 revocation by {@code clientId}: an access token is revoked alone, a refresh token takes its
     * family with it. Tokens of other clients and unknown tokens are left alone (the caller answers 200).
     */
    public synchronized void revoke(String token, String clientId) {
        AccessGrant a = access.get(token);
        if (a != null && a.clientId().equals(clientId)) {
            access.remove(token);
            return;
        }
        RefreshGrant r = refresh.get(token);
        if (r != null && r.clientId().equals(clientId)) {
            revokeFamily(r.familyId());
        }
    }

    /** Drops every token of a deleted client. */
    public synchronized void revokeClient(String clientId) {
        access.values().removeIf(g -> g.clientId().equals(clientId));
        refresh.values().removeIf(g -> g.clientId().equals(clientId));
        codes.values().removeIf(g -> g.clientId().equals(clientId));
    }

    private void revokeFamily(String family) {
        access.values().removeIf(g -> family.equals(g.familyId()));
        refresh.values().removeIf(g -> family.equals(g.familyId()));
        familySid.remove(family);
    }

    private void sweep() {
        Instant now = now();
        pending.values().removeIf(p -> !now.isBefore(p.expiresAt()));
        codes.values().removeIf(c -> !now.isBefore(c.expiresAt()));
        redeemed.values().removeIf(r -> !now.isBefore(r.expiresAt()));
        access.values().removeIf(a -> !now.isBefore(a.expiresAt()));
        refresh.values().removeIf(r -> !now.isBefore(r.expiresAt()));
        // A sign-in no client joined and whose code is gone (expired or refused) can never be joined.
        java.util.Set<String> awaited = new java.util.HashSet<>();
        codes.values().forEach(c -> awaited.add(c.sid()));
        signInClients.entrySet().removeIf(e -> e.getValue().isEmpty() && !awaited.contains(e.getKey())
                && signInUser.remove(e.getKey()) != null);
    }

    private static ApiError invalidGrant(String message) {
        return new ApiError(400, "invalid_grant", message);
    }

    /** PKCE S256 (RFC 7636 §4.2). */
    public static final class Pkce {
        private Pkce() {}

        public static String s256(String verifier) {
            return Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(Secrets.sha256(verifier.getBytes(StandardCharsets.US_ASCII)));
        }

        public static boolean verifierWellFormed(String v) {
            return v != null && v.matches("[A-Za-z0-9\\-._~]{43,128}");
        }

        /** An S256 challenge is base64url of 32 bytes: exactly 43 characters. */
        public static boolean challengeWellFormed(String c) {
            return c != null && c.matches("[A-Za-z0-9_\\-]{43}");
        }
    }
}
