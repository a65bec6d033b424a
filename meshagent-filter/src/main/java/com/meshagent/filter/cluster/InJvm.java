package com.meshagent.filter.cluster;

import java.util.Optional;
import java.util.function.Supplier;

/** {@link RefreshCoordinator#inJvm()}: redeems at once; the filter's single flight does the rest. */
enum InJvm implements RefreshCoordinator {
    INSTANCE;

    @Override
    public Optional<byte[]> redeemOnce(String grant, Supplier<Optional<byte[]>> redeem) {
        return redeem.get();
    }

    @Override
    public String toString() {
        return "RefreshCoordinator.inJvm()";
    }
}
