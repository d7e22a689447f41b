package org.guardianportal.credential.password;

import org.guardianportal.contracts.CredentialCommand;
import org.guardianportal.contracts.Topics;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** One command at a time per partition; bcrypt dominates, and the listener concurrency spreads it over the cores. */
@Component
class CredentialCommandListener {

    private final PasswordIssuer issuer;

    CredentialCommandListener(PasswordIssuer issuer) {
        this.issuer = issuer;
    }

    @KafkaListener(topics = Topics.CREDENTIAL_COMMANDS,
            properties = "spring.json.value.default.type=org.guardianportal.contracts.CredentialCommand")
    void on(CredentialCommand command) {
        issuer.handle(command);
    }
}
