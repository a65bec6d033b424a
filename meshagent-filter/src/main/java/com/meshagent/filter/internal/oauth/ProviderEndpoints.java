package com.meshagent.filter.internal.oauth;

import com.nimbusds.openid.connect.sdk.validators.LogoutTokenValidator;
import java.net.URI;

/**
 * What a provider offers, resolved once: fixed paths in MeshAgent mode, the discovery document in OIDC mode.
 * {@code idTokens}, {@code logoutValidator} and the optional URIs are null when absent.
 */
record ProviderEndpoints(URI authorize, URI token, URI userInfo, URI revocation, URI endSession, boolean issParameter,
        IdTokens idTokens, LogoutTokenValidator logoutValidator) {}
