package com.meshagent.filter.internal.oauth;

import com.meshagent.filter.internal.session.PendingSignIn;
import java.util.Optional;

/**
 * What the callback handler needs from the provider, and nothing more: so each of its branches can be tested
 * with a fake, without a provider or a servlet container. {@link ProviderClient} is the real one.
 */
public interface CodeExchange {

    /** Who vouches for users; a pending sign-in started for another provider is refused. */
    String providerId();

    /** Empty when the callback's {@code iss} is acceptable, else the reason code. */
    Optional<String> checkIssuerParameter(Callback callback);

    /** Exchanges the code with the pending sign-in's verifier and establishes who signed in; never throws. */
    SignInResult complete(PendingSignIn pending, String code);
}
