package com.meshagent.filter.internal.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.meshagent.filter.room.RoomTokens;
import java.net.URI;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class OutcomeTest {

    @Test
    void aJsonAnswerNeverShowsItsTextSoARoomTokenCannotReachALogThroughIt() {
        RoomTokens.Issued issued = new RoomTokens.Issued("eyJhbGciOiJIUzI1NiJ9.e30.secret-signature",
                URI.create("wss://rooms.example/rooms/lobby"), "lobby", "ada@example.com", Instant.parse("2026-12-01T02:00:00Z"));
        Outcome.Json answer = new Outcome.Json(200, issued.json());
        assertEquals(issued.json(), answer.text());
        assertFalse(answer.toString().contains("secret-signature"), answer.toString());
        assertFalse(issued.toString().contains("secret-signature"), issued.toString());
    }
}
