package com.meshagent.filter.internal.metrics;

import com.meshagent.filter.MeshAgentConfig;
import com.meshagent.filter.MeshAgentUser;
import com.meshagent.filter.internal.flow.Outcome;
import com.meshagent.filter.internal.flow.SignInEngine;
import com.meshagent.filter.internal.session.SignedInSession;
import com.meshagent.filter.internal.session.TokenSet;
import com.meshagent.filter.room.ApiScope;
import com.meshagent.filter.room.ParticipantRole;
import com.meshagent.filter.room.RoomAccess;
import com.meshagent.filter.room.RoomTokens;
import com.meshagent.filter.testing.FakeExchange;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * Run by {@link WithoutMicrometerTest} inside a class loader without Micrometer: a signed-in user asks for room
 * tokens until the rate limit answers; returns the statuses of the first answer, a denial and the limit.
 */
public final class WithoutMicrometerScenario implements Callable<String> {

    @Override
    public String call() {
        MeshAgentConfig config = MeshAgentConfig.builder().apiUrl("http://127.0.0.1:9").clientId("c")
                .redirectUri("http://app.example:8080/meshagent/callback").build();
        RoomTokens tokens = RoomTokens.builder()
                .policy((user, room) -> room.equals("closed") ? new RoomAccess.Denied("no")
                        : new RoomAccess.Allowed(ParticipantRole.USER, ApiScope.userDefault(), Duration.ofMinutes(10)))
                .apiKey("ma-Ej5FZ.ibEtOkVkJmFBdAAA-Dx4tPEtaaXiQq83vEjRWeA-s3cr3t-with-dashes") // protocol doc fixture
                .roomUrl(URI.create("ws://127.0.0.1:9"))
                .build();
        SignInEngine engine = new SignInEngine(config, Optional.of(tokens));
        MeshAgentUser ada = new MeshAgentUser("http://127.0.0.1:9", "u1", "ada@example.com", null);
        SignedInSession session = new SignedInSession(ada,
                new TokenSet("at", "rt", Instant.now().plus(Duration.ofHours(1)), null), 0);
        StringBuilder statuses = new StringBuilder();
        statuses.append(status(engine, session, "lobby"));
        statuses.append(' ').append(status(engine, session, "closed"));
        int last = 0;
        for (int i = 0; i < 100 && last != 429; i++) {
            last = status(engine, session, "lobby");
        }
        return statuses.append(' ').append(last).toString();
    }

    private static int status(SignInEngine engine, SignedInSession session, String room) {
        FakeExchange ex = new FakeExchange("POST", "/meshagent/rooms/" + room + "/token")
                .header("Origin", "http://app.example:8080");
        ex.session().put(SignedInSession.KEY, session);
        Outcome o = engine.handle(ex);
        return o instanceof Outcome.Json j ? j.status() : ((Outcome.Problem) o).status();
    }
}
