package com.meshagent.filter.internal.oauth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How OIDC's {@code email_verified} becomes "verified": the JSON boolean true, from the document that sent the email. */
class EmailClaimsTest {

    @Test
    void onlyTheBooleanTrueVouchesForTheEmail() {
        assertTrue(EmailClaims.of("a@example.com", Boolean.TRUE).verified());
        for (Object notTrue : new Object[] {null, Boolean.FALSE, "true", "TRUE", 1, 1L, List.of(true), Map.of("v", true)}) {
            assertFalse(EmailClaims.of("a@example.com", notTrue).verified(), String.valueOf(notTrue));
        }
    }

    @Test
    void noEmailIsNeverVerified() {
        assertFalse(EmailClaims.of(null, Boolean.TRUE).verified());
    }

    @Test
    void userInfoWithoutAnEmailKeepsTheIdTokensEmailAndFlag() {
        EmailClaims idToken = EmailClaims.of("a@example.com", true);
        assertEquals(idToken, idToken.updatedBy(null, null));
        EmailClaims unverified = EmailClaims.of("a@example.com", null);
        assertEquals(unverified, unverified.updatedBy(null, true));
    }

    @Test
    void userInfosEmailReplacesTheIdTokensAndCarriesItsOwnFlag() {
        assertEquals(new EmailClaims("b@example.com", true), EmailClaims.of("a@example.com", false).updatedBy("b@example.com", true));
        assertEquals(new EmailClaims("b@example.com", false), EmailClaims.of("a@example.com", true).updatedBy("b@example.com", null),
                "the ID token vouched for another address");
        assertEquals(new EmailClaims("a@example.com", false), EmailClaims.of("a@example.com", true).updatedBy("a@example.com", false),
                "userinfo's explicit false for the same address wins");
        assertEquals(new EmailClaims("a@example.com", false), EmailClaims.of("a@example.com", true).updatedBy("a@example.com", "true"));
    }

    @Test
    void userInfoSilentOnVerificationKeepsTheIdTokensWordForTheSameAddressOnly() {
        assertEquals(new EmailClaims("a@example.com", true), EmailClaims.of("a@example.com", true).updatedBy("a@example.com", null));
        assertEquals(new EmailClaims("A@example.com", false), EmailClaims.of("a@example.com", true).updatedBy("A@example.com", null),
                "exact string match, not a case-folded one");
        assertEquals(new EmailClaims("a@example.com", false), EmailClaims.of("a@example.com", null).updatedBy("a@example.com", null));
    }
}
