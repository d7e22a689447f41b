package org.guardianportal.credential.password;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

class CredentialTest {

    private static final Instant NOW = Instant.parse("2025-09-01T08:00:00Z");

    @Test
    void aTemporaryPasswordPastItsExpiryIsExpired() {
        assertThat(temporary(NOW.minusSeconds(1), null).statusAt(NOW)).isEqualTo(CredentialStatus.EXPIRED);
        assertThat(temporary(NOW.plusSeconds(1), null).statusAt(NOW)).isEqualTo(CredentialStatus.ISSUED);
    }

    @Test
    void aLockOutweighsExpiryUntilItEnds() {
        Credential locked = temporary(NOW.minusSeconds(1), NOW.plus(Duration.ofMinutes(15)));
        assertThat(locked.statusAt(NOW)).isEqualTo(CredentialStatus.LOCKED);
        assertThat(locked.statusAt(NOW.plus(Duration.ofMinutes(16)))).isEqualTo(CredentialStatus.EXPIRED);
    }

    @Test
    void aPasswordTheGuardianChoseDoesNotExpire() {
        Credential chosen = new Credential("g1", "{bcrypt}x", CredentialStatus.ACTIVE, NOW, null, false, 0, null,
                null, null, null, null, NOW);
        assertThat(chosen.statusAt(NOW.plus(Duration.ofDays(400)))).isEqualTo(CredentialStatus.ACTIVE);
    }

    private static Credential temporary(Instant expiresAt, Instant lockedUntil) {
        return new Credential("g1", "{bcrypt}x", CredentialStatus.ISSUED, NOW.minus(Duration.ofDays(30)), expiresAt,
                true, 0, lockedUntil, "c1", "b1", null, null, null);
    }
}
