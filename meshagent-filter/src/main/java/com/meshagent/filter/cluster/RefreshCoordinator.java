package com.meshagent.filter.cluster;

import java.util.Optional;
import java.util.function.Supplier;

/**
 * Makes one refresh-token grant happen once across every node that shares this coordinator.
 *
 * <p>The filter always runs its own in-JVM single flight first, so on one node at most one request per refresh
 * token reaches the coordinator at a time. The coordinator decides whether that request redeems the token or
 * takes the outcome another node already stored for the same token.
 *
 * <p>The outcome is opaque to the coordinator: the filter encrypts it (AES-GCM) with a key derived from the
 * old refresh token itself, which the coordinator never sees, so a store of outcomes holds only ciphertext that
 * only a holder of the old refresh token can read. The grant name is a SHA-256 of the refresh token.
 */
public interface RefreshCoordinator {

    /**
     * Redeems the refresh token named {@code grant} unless another node already did.
     *
     * @param grant  a non-secret, stable name of the refresh token (64 hex characters)
     * @param redeem does the grant; returns the sealed outcome to share with other nodes, or empty when the
     *               outcome must not be shared (a transient failure: others should try again later)
     * @return the outcome of {@code redeem} when it ran, or the sealed outcome stored for {@code grant}
     * @throws RuntimeException when coordination itself fails (e.g. the database is down); the filter treats
     *                          that as a transient refresh failure and keeps the session
     */
    Optional<byte[]> redeemOnce(String grant, Supplier<Optional<byte[]>> redeem);

    /**
     * {@return the default: no coordination beyond this JVM} The filter's in-JVM single flight (with its 30 s cache of
     * results) already makes one grant per refresh token on this node; two nodes holding the same session may
     * each redeem it.
     */
    static RefreshCoordinator inJvm() {
        return InJvm.INSTANCE;
    }
}
