package com.meshagent.filter.admin;

import java.util.Objects;

/**
 * The result of creating an OAuth client: the client and its secret, shown this one time.
 * {@code clientSecret} is {@code null} for a public client. {@link #toString()} redacts the secret.
 */
public record CreatedOAuthClient(OAuthClient client, String clientSecret) {

    public CreatedOAuthClient {
        Objects.requireNonNull(client, "client");
    }

    @Override
    public String toString() {
        return "CreatedOAuthClient[client=" + client + ", clientSecret=" + (clientSecret == null ? "none" : "<redacted>") + "]";
    }
}
