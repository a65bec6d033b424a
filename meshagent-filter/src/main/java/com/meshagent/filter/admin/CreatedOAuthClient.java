package com.meshagent.filter.admin;

import java.util.Objects;

/**
 * The result of creating an OAuth client: the client and its secret, shown this one time.
 * {@code clientSecret} is {@code null} for a public client. {@link #toString()} redacts the secret.
 *
 * @param client       the created client, as a get would return it
 * @param clientSecret its secret, or {@code null} for a public client
 */
public record CreatedOAuthClient(OAuthClient client, String clientSecret) {

    /**
     * Checks the client is present.
     *
     * @param client       the created client
     * @param clientSecret its secret, or {@code null}
     */
    public CreatedOAuthClient {
        Objects.requireNonNull(client, "client");
    }

    @Override
    public String toString() {
        return "CreatedOAuthClient[client=" + client + ", clientSecret=" + (clientSecret == null ? "none" : "<redacted>") + "]";
    }
}
