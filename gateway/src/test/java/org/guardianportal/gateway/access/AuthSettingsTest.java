package org.guardianportal.gateway.access;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AuthSettingsTest {

    @Test
    void theClientSecretIsNeverPrintedWithTheSettings() {
        AuthSettings settings = new AuthSettings(AuthSettings.Mode.OIDC, "roles", "guardian-portal", "s3cret-value");

        assertThat(settings.toString()).contains("guardian-portal", "***").doesNotContain("s3cret-value");
        assertThat(new AuthSettings(AuthSettings.Mode.LOCAL, "roles", "", "").toString()).endsWith("clientSecret=]");
    }
}
