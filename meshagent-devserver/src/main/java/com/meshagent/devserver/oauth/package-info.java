/**
 * The OAuth 2.0 / OpenID Connect authorization server: the sign-in form
 * ({@link com.meshagent.devserver.oauth.AuthorizeEndpoint}), the token endpoint
 * ({@link com.meshagent.devserver.oauth.TokenEndpoint}), discovery, JWKS, userinfo, revocation and end-session
 * ({@link com.meshagent.devserver.oauth.OidcEndpoints}); codes and tokens live in memory in
 * {@link com.meshagent.devserver.oauth.TokenService}; test knobs in {@link com.meshagent.devserver.oauth.TokenKnobs}.
 */
package com.meshagent.devserver.oauth;
