package com.meshagent.filter.internal.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.meshagent.filter.MeshAgentUser;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class SignedInSessionTest {

    /**
     * A {@code SignedInSession(user, tokens("at-1", "rt-1", 2026-01-01T00:00Z, "openid"), 3)} serialized by the
     * record as it was before {@code sid} and {@code signedInAt} existed: what a session store written by the
     * previous release holds.
     */
    private static final String BEFORE_SID = "rO0ABXNyADVjb20ubWVzaGFnZW50LmZpbHRlci5pbnRlcm5hbC5zZXNzaW9uLlNpZ25lZEluU2Vzc2lvbgAAAAAAAAABAgADSgAH"
            + "dmVyc2lvbkwABnRva2Vuc3QAMExjb20vbWVzaGFnZW50L2ZpbHRlci9pbnRlcm5hbC9zZXNzaW9uL1Rva2VuU2V0O0wABHVzZXJ0"
            + "ACRMY29tL21lc2hhZ2VudC9maWx0ZXIvTWVzaEFnZW50VXNlcjt4cAAAAAAAAAADc3IALmNvbS5tZXNoYWdlbnQuZmlsdGVyLmlu"
            + "dGVybmFsLnNlc3Npb24uVG9rZW5TZXQAAAAAAAAAAQIABEwAC2FjY2Vzc1Rva2VudAASTGphdmEvbGFuZy9TdHJpbmc7TAAJZXhw"
            + "aXJlc0F0dAATTGphdmEvdGltZS9JbnN0YW50O0wADHJlZnJlc2hUb2tlbnEAfgAFTAAFc2NvcGVxAH4ABXhwdAAEYXQtMXNyAA1q"
            + "YXZhLnRpbWUuU2VylV2EuhsiSLIMAAB4cHcNAgAAAABpVbkAAAAAAHh0AARydC0xdAAGb3Blbmlkc3IAImNvbS5tZXNoYWdlbnQu"
            + "ZmlsdGVyLk1lc2hBZ2VudFVzZXIAAAAAAAAAAQIABVoADWVtYWlsVmVyaWZpZWRMAAVlbWFpbHEAfgAFTAACaWRxAH4ABUwABG5h"
            + "bWVxAH4ABUwACHByb3ZpZGVycQB+AAV4cAF0AA9hZGFAZXhhbXBsZS5jb210AAV1LWFkYXQAA0FkYXQAE2h0dHBzOi8vaWRwLmV4"
            + "YW1wbGU=";

    private static final MeshAgentUser ADA = new MeshAgentUser("https://idp.example", "u-ada", "ada@example.com", "Ada", true);

    @Test
    void aSessionStoredBeforeSidExistedStillLoads() throws Exception {
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(Base64.getDecoder().decode(BEFORE_SID)))) {
            SignedInSession old = (SignedInSession) in.readObject();
            assertEquals(ADA, old.user());
            assertEquals("rt-1", old.tokens().refreshToken());
            assertEquals(3, old.version());
            assertNull(old.sid(), "no provider session id: only a logout by sub can end it");
            assertNull(old.signedInAt());
        }
    }

    @Test
    void sidAndSignInTimeSurviveSerializationAndRefresh() throws Exception {
        SignedInSession s = new SignedInSession(ADA, new TokenSet("at", "rt", Instant.EPOCH, null), 0, "sid-1",
                Instant.parse("2026-02-01T00:00:00Z"));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(s.withTokens(new TokenSet("at2", "rt2", Instant.EPOCH, null)));
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            SignedInSession back = (SignedInSession) in.readObject();
            assertEquals("sid-1", back.sid());
            assertEquals(s.signedInAt(), back.signedInAt());
            assertEquals(1, back.version());
        }
    }
}
