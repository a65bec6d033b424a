package com.meshagent.filter.internal.oauth;

import com.meshagent.filter.internal.session.PendingSignIn;
import com.meshagent.filter.internal.session.TokenSet;
import java.util.Map;
import java.util.Optional;

/**
 * What differs between kinds of provider: where the endpoints come from, how the callback's {@code iss} is
 * judged, who signed in after the code exchange, and what a refresh answer must still prove. The OAuth grant
 * itself (authorization request, code exchange, refresh, revocation, logout) is {@link ProviderClient}'s, the
 * same for every mode. One class per mode: {@link MeshAgentProvider}, {@link OidcProvider}; a third kind of
 * provider is a third class.
 */
interface ProviderMode {

    /** Who vouches for users: part of every user's key. */
    String providerId();

    /** The endpoints, resolving them first when needed. */
    ProviderEndpoints endpoints() throws ProviderException;

    /** The endpoints when already known, else null (never does network I/O). */
    ProviderEndpoints knownEndpoints();

    /** Empty when the callback's RFC 9207 {@code iss} is acceptable, else the reason code. */
    Optional<String> checkIssuerParameter(String iss);

    /** Who signed in, from the successful token response {@code body} and the tokens read from it. */
    SignInResult identify(ProviderEndpoints e, PendingSignIn pending, Map<String, Object> body, TokenSet tokens);

    /** What a successful refresh answer {@code body} yields once this mode's checks pass. */
    RefreshResult refreshed(ProviderEndpoints e, Map<String, Object> body, TokenSet fresh);
}
