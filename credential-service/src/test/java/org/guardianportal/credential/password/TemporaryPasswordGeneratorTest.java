package org.guardianportal.credential.password;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;

import org.guardianportal.credential.CredentialSettings;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

class TemporaryPasswordGeneratorTest {

    @Test
    void passwordsHaveTheConfiguredLengthAndNoLookAlikeCharacters() {
        TemporaryPasswordGenerator generator = new TemporaryPasswordGenerator(settingsWithLength(14));
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 2_000; i++) {
            String password = generator.next();
            assertThat(password).hasSize(14).doesNotContain("0", "O", "o", "1", "l", "I");
            seen.add(password);
        }
        assertThat(seen).as("no two alike").hasSize(2_000);
    }

    @Test
    void theAlphabetKeepsLettersAndDigitsButNoLookAlike() {
        assertThat(TemporaryPasswordGenerator.ALPHABET).doesNotContain("0", "O", "o", "1", "l", "I")
                .contains("A", "z", "2", "9");
    }

    private static CredentialSettings settingsWithLength(int length) {
        return new CredentialSettings(new CredentialSettings.Password(length, Duration.ofDays(30), null),
                new CredentialSettings.Lockout(5, Duration.ofMinutes(15)), new CredentialSettings.Batch(20_000, 1_000),
                new CredentialSettings.Outbox(Duration.ofSeconds(10), Duration.ofSeconds(5), 500, Duration.ofSeconds(1)),
                new CredentialSettings.Topics(6, (short) 1), "fr", DataSize.ofMegabytes(4));
    }
}
