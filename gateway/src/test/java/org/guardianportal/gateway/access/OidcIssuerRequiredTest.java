package org.guardianportal.gateway.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.guardianportal.gateway.GatewayApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** Production is the default mode, and it does not start without an issuer to check tokens against. */
@ExtendWith(OutputCaptureExtension.class)
class OidcIssuerRequiredTest {

    @Test
    void theDefaultModeRefusesToStartWithoutAnIssuer(CapturedOutput output) {
        assertThatThrownBy(() -> new SpringApplicationBuilder(GatewayApplication.class)
                .run("--server.port=0", "--spring.security.oauth2.resourceserver.jwt.issuer-uri="))
                .hasRootCauseInstanceOf(MissingIssuerException.class);

        assertThat(output).contains("APPLICATION FAILED TO START", "OIDC_ISSUER_URI", "GATEWAY_AUTH_MODE=local")
                .doesNotContain("Using generated security password");
    }
}
