package com.meshagent.filter.internal.oauth;

import com.meshagent.filter.internal.session.SignInIdToken;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObject;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.PlainObject;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.DefaultJOSEProcessor;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.oauth2.sdk.token.BearerAccessToken;
import com.nimbusds.openid.connect.sdk.claims.AccessTokenHash;
import com.nimbusds.openid.connect.sdk.claims.IDTokenClaimsSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Every check an ID token gets (OpenID Connect Core 1.0 §2 and §3.1.3.7; for refreshed ones, Core §12.2), in one
 * self-contained class that {@link ProviderClient} calls. Time is read from the configured {@link Clock}, with
 * {@link #MAX_CLOCK_SKEW} of leeway; every number is read by {@link ProviderSeconds}.
 *
 * <p>The rules, each refused with its own {@link Refused#rule() rule name}:
 * <ul>
 * <li>{@code alg}: a JWS signed with one of the provider's advertised asymmetric algorithms (RSA, EC, EdDSA);
 *     {@code none}, HMAC (a client secret is no key of the provider) and encrypted tokens never.</li>
 * <li>{@code signature}: verifies with a key of the provider's JWKS ({@code keys}: the JWKS could not be
 *     fetched, a transient failure).</li>
 * <li>{@code iss}: exactly the configured issuer.</li>
 * <li>{@code sub}: a string of 1 to 255 printable ASCII characters.</li>
 * <li>{@code aud}: a string or an array of strings that contains our client id.</li>
 * <li>{@code azp}: present when there are several audiences, and then (or whenever present) our client id.
 *     Further audiences are accepted when {@code azp} names us, as Spring Security and Nimbus do: we keep no
 *     list of other audiences to trust.</li>
 * <li>{@code exp}: required; now is before it (plus skew).</li>
 * <li>{@code iat}: required; not after now (plus skew) and not older than the configured maximum age (plus skew).</li>
 * <li>{@code nbf}, {@code auth_time}: optional; when present, numbers not after now (plus skew). We never send
 *     {@code max_age}, so {@code auth_time} is not required.</li>
 * <li>{@code nonce}: at sign-in required and equal to the one sent.</li>
 * <li>{@code at_hash}: optional in the code flow; when present it must match the access token it came with.</li>
 * </ul>
 * A refreshed ID token gets all of these but the nonce rule, and must name the same sign-in:
 * {@code refresh_sub}, {@code refresh_aud} (the same audiences), {@code refresh_auth_time} (equal when the
 * sign-in's had one), {@code refresh_nonce} (none, or the sign-in's). Its {@code iat} is held to the maximum age
 * like any other, so a provider that resends the old token is refused.
 */
public final class IdTokens {

    /** Leeway for the provider's and our clocks disagreeing. */
    public static final Duration MAX_CLOCK_SKEW = Duration.ofSeconds(60);

    private static final int MAX_SUBJECT_LENGTH = 255;

    /** Why an ID token was refused: {@link #rule()} names the rule, the message says more; neither holds the token. */
    public static final class Refused extends Exception {

        private static final long serialVersionUID = 1L;

        /** The rule named when the provider's keys could not be fetched, so the token could not be judged. */
        static final String KEYS = "keys";

        private final String rule;

        Refused(String rule, String detail) {
            super(detail);
            this.rule = rule;
        }

        /** The rule that failed, e.g. {@code exp} or {@code refresh_sub}. */
        public String rule() {
            return rule;
        }

        /** True when the token could not be judged (the provider's keys were unreachable): try again later. */
        public boolean unavailable() {
            return KEYS.equals(rule);
        }
    }

    private final String issuer;
    private final String clientId;
    private final Set<JWSAlgorithm> algs;
    private final Clock clock;
    private final Duration maxAge;
    private final DefaultJOSEProcessor<SecurityContext> processor = new DefaultJOSEProcessor<>();

    @SuppressWarnings("unchecked")
    public IdTokens(String issuer, String clientId, Set<JWSAlgorithm> algs, JWKSource<SecurityContext> keys, Clock clock,
            Duration maxAge) {
        this.issuer = Objects.requireNonNull(issuer, "issuer");
        this.clientId = Objects.requireNonNull(clientId, "clientId");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.maxAge = Objects.requireNonNull(maxAge, "maxAge");
        if (algs.isEmpty()) {
            throw new IllegalArgumentException("no acceptable ID token algorithm");
        }
        for (JWSAlgorithm a : algs) {
            if (!isAsymmetric(a)) {
                throw new IllegalArgumentException("not an asymmetric signature algorithm: " + a);
            }
        }
        this.algs = Set.copyOf(algs);
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(this.algs, keys));
        // "JWT" or no typ, as ID tokens are sent; an access token ("at+jwt") is no ID token
        processor.setJWSTypeVerifier(DefaultJOSEObjectTypeVerifier.JWT);
    }

    /** The advertised algorithms we accept: RSA, EC and EdDSA signatures only. */
    public static Set<JWSAlgorithm> acceptable(List<JWSAlgorithm> advertised) {
        Set<JWSAlgorithm> out = new LinkedHashSet<>();
        if (advertised != null) {
            for (JWSAlgorithm a : advertised) {
                if (isAsymmetric(a)) {
                    out.add(a);
                }
            }
        }
        return out;
    }

    private static boolean isAsymmetric(JWSAlgorithm a) {
        return JWSAlgorithm.Family.RSA.contains(a) || JWSAlgorithm.Family.EC.contains(a) || JWSAlgorithm.Family.ED.contains(a);
    }

    /** The ID token of a sign-in, which must carry {@code nonce} (never null: we always send one). */
    public IDTokenClaimsSet checkSignIn(String idToken, String accessToken, String nonce) throws Refused {
        Objects.requireNonNull(nonce, "nonce");
        Checked c = check(idToken, accessToken);
        if (!nonce.equals(c.raw().get("nonce"))) {
            throw refused("nonce", c.raw().get("nonce") == null ? "no nonce" : "not the nonce this sign-in sent");
        }
        return c.claims();
    }

    /** An ID token from a refresh-token grant, held to the one of the sign-in it continues. */
    public IDTokenClaimsSet checkRefreshed(String idToken, String accessToken, SignInIdToken signIn) throws Refused {
        if (signIn == null) {
            throw refused("refresh_sub", "the session keeps no ID token of its sign-in to compare with");
        }
        Checked c = check(idToken, accessToken);
        if (!signIn.subject().equals(c.claims().getSubject().getValue())) {
            throw refused("refresh_sub", "sub differs from the sign-in's");
        }
        if (!new HashSet<>(signIn.audience()).equals(new HashSet<>(c.audience()))) {
            throw refused("refresh_aud", "aud differs from the sign-in's");
        }
        Long authTime = c.authTime().map(Instant::getEpochSecond).orElse(null);
        if (signIn.authTime() != null && !signIn.authTime().equals(authTime)) {
            throw refused("refresh_auth_time", "auth_time differs from the sign-in's");
        }
        Object nonce = c.raw().get("nonce");
        if (nonce != null && !nonce.equals(signIn.nonce())) {
            throw refused("refresh_nonce", "a nonce other than the sign-in's");
        }
        return c.claims();
    }

    /** What later refreshed ID tokens must repeat of this sign-in's {@code claims}. */
    public static SignInIdToken remember(IDTokenClaimsSet claims, String nonce) {
        List<String> aud = claims.getAudience().stream().map(a -> a.getValue()).toList();
        return new SignInIdToken(claims.getSubject().getValue(), aud,
                claims.getAuthenticationTime() == null ? null : claims.getAuthenticationTime().getTime() / 1000, nonce);
    }

    private record Checked(Map<String, Object> raw, IDTokenClaimsSet claims, List<String> audience,
            Optional<Instant> authTime) {}

    private Checked check(String idToken, String accessToken) throws Refused {
        JOSEObject jose;
        try {
            jose = JOSEObject.parse(idToken);
        } catch (java.text.ParseException e) {
            throw refused("format", "not a compact JWS");
        }
        if (!(jose instanceof JWSObject jws)) {
            throw refused("alg", jose instanceof PlainObject ? "unsigned (alg none)" : "encrypted ID tokens are not accepted");
        }
        JWSAlgorithm alg = jws.getHeader().getAlgorithm();
        if (!algs.contains(alg)) {
            throw refused("alg", "alg " + printable(alg.getName()) + " is not one of " + algs);
        }
        Payload payload;
        try {
            payload = processor.process(jws, null);
        } catch (KeySourceException e) {
            throw refused(Refused.KEYS, "the provider's JWKS could not be fetched: " + printable(e.getMessage()));
        } catch (BadJOSEException | JOSEException e) {
            throw refused("signature", printable(e.getMessage()));
        }
        Map<String, Object> raw = payload.toJSONObject();
        if (raw == null) {
            throw refused("format", "payload is not a JSON object");
        }
        Instant now = clock.instant();
        if (!issuer.equals(raw.get("iss"))) {
            throw refused("iss", raw.get("iss") instanceof String s ? "iss " + printable(s) + " is not " + issuer : "no iss string");
        }
        if (!(raw.get("sub") instanceof String sub) || !validSubject(sub)) {
            throw refused("sub", "sub must be a string of 1 to 255 printable ASCII characters");
        }
        List<String> aud = audience(raw.get("aud"));
        if (aud == null) {
            throw refused("aud", "aud must be a string or a non-empty array of strings");
        }
        if (!aud.contains(clientId)) {
            throw refused("aud", "aud does not name this client");
        }
        Object azp = raw.get("azp");
        if (azp == null && aud.size() > 1) {
            throw refused("azp", "several audiences but no azp");
        }
        if (azp != null && !clientId.equals(azp)) {
            throw refused("azp", "azp is not this client");
        }
        Map<String, Object> normalized = new LinkedHashMap<>(raw);
        Instant exp = date(raw, normalized, "exp", true).orElseThrow();
        if (!now.isBefore(exp.plus(MAX_CLOCK_SKEW))) {
            throw refused("exp", "expired at " + exp + " (now " + now + ")");
        }
        Instant iat = date(raw, normalized, "iat", true).orElseThrow();
        if (iat.isAfter(now.plus(MAX_CLOCK_SKEW))) {
            throw refused("iat", "issued in the future, at " + iat + " (now " + now + ")");
        }
        if (Duration.between(iat, now).compareTo(maxAge.plus(MAX_CLOCK_SKEW)) > 0) {
            throw refused("iat", "issued at " + iat + ", longer ago than the maximum age " + maxAge + " (now " + now + ")");
        }
        Optional<Instant> nbf = date(raw, normalized, "nbf", false);
        if (nbf.isPresent() && nbf.get().isAfter(now.plus(MAX_CLOCK_SKEW))) {
            throw refused("nbf", "not valid before " + nbf.get() + " (now " + now + ")");
        }
        Optional<Instant> authTime = date(raw, normalized, "auth_time", false);
        if (authTime.isPresent() && authTime.get().isAfter(now.plus(MAX_CLOCK_SKEW))) {
            throw refused("auth_time", "authenticated in the future, at " + authTime.get() + " (now " + now + ")");
        }
        Object atHash = raw.get("at_hash");
        if (atHash != null) {
            Curve crv = JWSAlgorithm.Family.ED.contains(alg) ? Curve.Ed25519 : null;
            AccessTokenHash expected = accessToken == null ? null
                    : AccessTokenHash.compute(new BearerAccessToken(accessToken), alg, crv);
            if (expected == null || !expected.getValue().equals(atHash)) {
                throw refused("at_hash", "at_hash does not match the access token");
            }
        }
        try {
            return new Checked(raw, new IDTokenClaimsSet(JWTClaimsSet.parse(normalized)), aud, authTime);
        } catch (java.text.ParseException | com.nimbusds.oauth2.sdk.ParseException e) {
            throw refused("format", "claims unreadable: " + printable(e.getMessage()));
        }
    }

    /** Reads a date claim by {@link ProviderSeconds}' rule and puts the clamped seconds into {@code normalized}. */
    private static Optional<Instant> date(Map<String, Object> raw, Map<String, Object> normalized, String name,
            boolean required) throws Refused {
        Object v = raw.get(name);
        if (v == null) {
            if (required) {
                throw refused(name, name + " is missing");
            }
            return Optional.empty();
        }
        Optional<Instant> t = ProviderSeconds.instant(v);
        if (t.isEmpty()) {
            throw refused(name, name + " is not a number");
        }
        normalized.put(name, t.get().getEpochSecond());
        return t;
    }

    private static List<String> audience(Object aud) {
        if (aud instanceof String s) {
            return List.of(s);
        }
        if (!(aud instanceof List<?> list) || list.isEmpty()) {
            return null;
        }
        List<String> out = new ArrayList<>(list.size());
        for (Object o : list) {
            if (!(o instanceof String s)) {
                return null;
            }
            out.add(s);
        }
        return out;
    }

    private static boolean validSubject(String sub) {
        return !sub.isEmpty() && sub.length() <= MAX_SUBJECT_LENGTH && sub.chars().allMatch(ch -> ch >= 0x20 && ch < 0x7f);
    }

    /** For an {@code id_token} member that is no string at all. */
    static Refused notAString() {
        return refused("format", "id_token is not a string");
    }

    private static Refused refused(String rule, String detail) {
        return new Refused(rule, detail);
    }

    /** Provider-chosen text for a log line or a refusal: printable ASCII, at most 100 characters. */
    static String printable(String s) {
        if (s == null) {
            return "";
        }
        String t = s.replaceAll("[^\\x20-\\x7e]", "?");
        return t.length() > 100 ? t.substring(0, 100) : t;
    }
}
