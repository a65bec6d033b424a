package com.meshagent.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MeshAgentUserTest {

    /**
     * {@code new MeshAgentUser("https://api.meshagent.com", "u-ada", "ada@example.com", "Ada")} serialized by
     * the record as it was before {@code emailVerified} existed: what a session store written by the previous
     * release holds.
     */
    private static final String BEFORE_EMAIL_VERIFIED = "rO0ABXNyACJjb20ubWVzaGFnZW50LmZpbHRlci5NZXNoQWdlbnRVc2VyAAAA"
            + "AAAAAAECAARMAAVlbWFpbHQAEkxqYXZhL2xhbmcvU3RyaW5nO0wAAmlkcQB+AAFMAARuYW1lcQB+AAFMAAhwcm92aWRlcnEAfgABeHB0"
            + "AA9hZGFAZXhhbXBsZS5jb210AAV1LWFkYXQAA0FkYXQAGWh0dHBzOi8vYXBpLm1lc2hhZ2VudC5jb20=";

    @Test
    void verifiedEmailIsOnlyTheEmailTheProviderVouchedFor() {
        assertEquals(Optional.of("ada@example.com"), new MeshAgentUser("p", "u", "ada@example.com", null, true).verifiedEmail());
        assertEquals(Optional.empty(), new MeshAgentUser("p", "u", "ada@example.com", null, false).verifiedEmail());
        assertEquals(Optional.empty(), new MeshAgentUser("p", "u", "ada@example.com", null).verifiedEmail(),
                "the four-argument form says nothing about verification");
        assertFalse(new MeshAgentUser("p", "u", null, null, true).emailVerified(), "no email, nothing verified");
        assertFalse(new MeshAgentUser("p", "u", " ", null, true).emailVerified());
    }

    @Test
    void aSessionStoredBeforeTheFlagExistedStillLoadsWithTheEmailUnverified() throws Exception {
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(Base64.getDecoder().decode(BEFORE_EMAIL_VERIFIED)))) {
            MeshAgentUser old = (MeshAgentUser) in.readObject();
            assertEquals(new MeshAgentUser("https://api.meshagent.com", "u-ada", "ada@example.com", "Ada", false), old);
            assertTrue(old.verifiedEmail().isEmpty(), "fails closed until the user signs in again");
        }
    }

    @Test
    void theFlagSurvivesSerialization() throws Exception {
        MeshAgentUser user = new MeshAgentUser("https://idp.example", "u-1", "a@example.com", "A", true);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(user);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            assertEquals(user, in.readObject());
        }
    }
}
