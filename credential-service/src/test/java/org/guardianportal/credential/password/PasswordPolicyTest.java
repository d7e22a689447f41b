package org.guardianportal.credential.password;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.guardianportal.web.BrokenRule;
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
        assertThat(codes(PasswordPolicy.violations(LOGIN, CURRENT, "abc123def45")))
                .containsExactly("password.tooShort");
    }

    @Test
    void aPasswordWithoutDigitsOrWithoutLettersIsRefused() {
        assertThat(codes(PasswordPolicy.violations(LOGIN, CURRENT, "seulementdeslettres")))
                .containsExactly("password.lettersAndDigits");
        assertThat(codes(PasswordPolicy.violations(LOGIN, CURRENT, "1234567890123")))
                .containsExactly("password.lettersAndDigits");
    }

    @Test
    void theLoginIsNotAPasswordWhateverItsCase() {
        assertThat(codes(PasswordPolicy.violations("parent2024@example.org", CURRENT, "PARENT2024@Example.org")))
                .containsExactly("password.isLogin");
    }

    @Test
    void theTemporaryPasswordCannotBeKept() {
        assertThat(codes(PasswordPolicy.violations(LOGIN, "Kx7mP2qR9tZa", "Kx7mP2qR9tZa")))
                .containsExactly("password.unchanged");
    }

    @Test
    void aPasswordBcryptWouldTruncateIsRefused() {
        assertThat(codes(PasswordPolicy.violations(LOGIN, CURRENT, "é1".repeat(30))))
                .containsExactly("password.tooLong");
    }

    @Test
    void everyBrokenRuleIsReported() {
        assertThat(PasswordPolicy.violations(LOGIN, "short", "short")).hasSize(3);
    }

    @Test
    void everyRuleIsAboutTheNewPasswordAndNamesItsLimits() {
        assertThat(PasswordPolicy.violations(LOGIN, CURRENT, "short")).first()
                .satisfies(rule -> assertThat(rule.field()).isEqualTo("newPassword"))
                .satisfies(rule -> assertThat(rule.values()).containsExactly(12));
    }

    private static List<String> codes(List<BrokenRule> rules) {
        return rules.stream().map(BrokenRule::code).toList();
    }
}
