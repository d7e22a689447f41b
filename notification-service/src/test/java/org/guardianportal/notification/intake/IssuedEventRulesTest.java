package org.guardianportal.notification.intake;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.UUID;

import org.guardianportal.contracts.CredentialIssued;
import org.guardianportal.contracts.SealedSecret;
import org.junit.jupiter.api.Test;

class IssuedEventRulesTest {

    private static final SealedSecret SECRET = new SealedSecret(SealedSecret.A256GCM, "k1", "aXY=", "Y3Q=");

    @Test
    void aCompleteEventIsAccepted() {
        assertThatCode(() -> IssuedEventRules.check(event("g-1", "parent@example.org", SECRET)))
                .doesNotThrowAnyException();
    }

    @Test
    void aGuardianWithoutEmailCannotBeMailed() {
        assertThatThrownBy(() -> IssuedEventRules.check(event("g-1", " ", SECRET)))
                .hasMessage("email is missing");
    }

    @Test
    void anAddressThatIsNotOneIsRefused() {
        assertThatThrownBy(() -> IssuedEventRules.check(event("g-1", "parent at example", SECRET)))
                .hasMessageContaining("is not a mail address");
    }

    @Test
    void anEventWithoutItsSealedPasswordIsRefused() {
        assertThatThrownBy(() -> IssuedEventRules.check(event("g-1", "parent@example.org", null)))
                .hasMessageContaining("secret is missing");
        assertThatThrownBy(() -> IssuedEventRules.check(event("g-1", "parent@example.org",
                new SealedSecret("RSA", "k1", "aXY=", "Y3Q=")))).hasMessageContaining("'RSA' is not supported");
    }

    @Test
    void anEventWithoutGuardianIsRefused() {
        assertThatThrownBy(() -> IssuedEventRules.check(event(null, "parent@example.org", SECRET)))
                .hasMessage("guardianId is missing");
    }

    private static CredentialIssued event(String guardianId, String email, SealedSecret secret) {
        return new CredentialIssued(UUID.randomUUID(), Instant.now(), guardianId, "b", "admin", email, "A", "B",
                "fr", Instant.now(), secret);
    }
}
