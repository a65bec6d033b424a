package com.meshagent.filter.room;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class ApiKeyTest {

    @Test
    void parsesTheProtocolTestVectorSplittingOnTheFirstTwoDashesOnly() {
        ApiKey key = ApiKey.parse(TestKeys.KEY);
        assertEquals(TestKeys.KEY_ID, key.id());
        assertEquals(TestKeys.PROJECT_ID, key.projectId());
        assertEquals(TestKeys.SECRET, key.secret());
    }

    @Test
    void encodeIsTheInverseOfParse() {
        assertEquals(TestKeys.KEY, ApiKey.parse(TestKeys.KEY).encode());
        ApiKey made = new ApiKey("ffffffff-ffff-ffff-ffff-fffffffffffe", "00000000-0000-0000-0000-0000000000fb", "x-y");
        assertEquals(made, ApiKey.parse(made.encode()));
        assertFalse(made.encode().substring(3, made.encode().lastIndexOf("-x-y")).contains("+"));
    }

    @Test
    void toStringNeverShowsTheSecret() {
        String s = ApiKey.parse(TestKeys.KEY).toString();
        assertFalse(s.contains(TestKeys.SECRET), s);
        assertTrue(s.contains(TestKeys.KEY_ID), s);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "mb-Ej5FZ.ibEtOkVkJmFBdAAA-Dx4tPEtaaXiQq83vEjRWeA-topsecret",
        "ma-Ej5FZ.ibEtOkVkJmFBdAAA-topsecret",
        "ma-Ej5FZ.ibEtOkVkJmFBdAAA-Dx4tPEtaaXiQq83vEjRWeA-",
        "ma-Ej5FZ.ibEtOkVk-Dx4tPEtaaXiQq83vEjRWeA-topsecret",
        "ma-Ej5FZ.ibEtOkVkJm!BdAAA-Dx4tPEtaaXiQq83vEjRWeA-topsecret",
        "ma--Dx4tPEtaaXiQq83vEjRWeA-topsecret",
        ""
    })
    void malformedKeysAreRejectedWithAMessageThatNeverEchoesTheSecret(String bad) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ApiKey.parse(bad));
        assertFalse(e.getMessage().contains("topsecret"), e.getMessage());
        assertFalse(e.getMessage().isBlank());
    }

    @Test
    void nullKeyIsRejectedAsMissing() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ApiKey.parse(null));
        assertEquals("API key is missing", e.getMessage());
    }

    @Test
    void wrongPrefixIsNamedInTheMessage() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ApiKey.parse("sk-abc-def-ghi"));
        assertEquals("API key must start with \"ma-\"", e.getMessage());
    }

    @Test
    void shortIdSegmentReportsTheDecodedLength() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ApiKey.parse("ma-Ej5FZ.ib-Dx4tPEtaaXiQq83vEjRWeA-topsecret"));
        assertEquals("API key key id segment must encode 16 bytes, got 6", e.getMessage());
    }
}
