package org.guardianportal.credential.password;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PasswordPolicyTest {

    private static final String LOGIN = "parent@example.org";
    private static final String CURRENT = "Kx7mP2qR9tZa";

    @Test
    void aLongPasswordMixingLettersAndDigitsIsAccepted() {
        assertThat(PasswordPolicy.violations(LOGIN, CURRENT, "Vacances d'ete 2025")).isEmpty();
    }

    @Test
    void aPasswordShorterThanTwelveCharactersIsRefused() {
        assertThat(PasswordPolicy.violations(LOGIN, CURRENT, "abc123def45"))
                .containsExactly("must have at least 12 characters");
    }

    @Test
    void aPasswordWithoutDigitsOrWithoutLettersIsRefused() {
        assertThat(PasswordPolicy.violations(LOGIN, CURRENT, "seulementdeslettres"))
                .containsExactly("must contain both letters and digits");
        assertThat(PasswordPolicy.violations(LOGIN, CURRENT, "1234567890123"))
                .containsExactly("must contain both letters and digits");
    }

    @Test
    void theLoginIsNotAPasswordWhateverItsCase() {
        assertThat(PasswordPolicy.violations("parent2024@example.org", CURRENT, "PARENT2024@Example.org"))
                .containsExactly("must not be the login");
    }

    @Test
    void theTemporaryPasswordCannotBeKept() {
        assertThat(PasswordPolicy.violations(LOGIN, "Kx7mP2qR9tZa", "Kx7mP2qR9tZa"))
                .containsExactly("must differ from the current password");
    }

    @Test
    void aPasswordBcryptWouldTruncateIsRefused() {
        assertThat(PasswordPolicy.violations(LOGIN, CURRENT, "é1".repeat(30)))
                .containsExactly("must be at most 72 bytes long (64 characters without accents)");
    }

    @Test
    void everyBrokenRuleIsReported() {
        assertThat(PasswordPolicy.violations(LOGIN, "short", "short")).hasSize(3);
    }
}
