/**
 * Everything that talks to the provider, and the only package using Nimbus OAuth/OIDC types: authorization
 * requests with PKCE, code exchange, ID-token and userinfo checks, refresh (single-flight per refresh token),
 * revocation, RP-initiated logout, and bounded outbound HTTP. Returns only our own types. Not API.
 */
package com.meshagent.filter.internal.oauth;
