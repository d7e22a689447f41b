package org.guardianportal.credential.password;

import org.guardianportal.contracts.CredentialCommand;
import org.guardianportal.contracts.Topics;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * One command at a time per partition; bcrypt dominates. One consumer per partition: with fewer, a consumer holding
 * the partitions that got more commands would still be hashing alone, on one core, after the others ran dry.
 */
@Component
class CredentialCommandListener {

    private final PasswordIssuer issuer;

    CredentialCommandListener(PasswordIssuer issuer) {
        this.issuer = issuer;
    }

    @KafkaListener(topics = Topics.CREDENTIAL_COMMANDS, concurrency = "${credential.topics.partitions:6}",
            properties = "spring.json.value.default.type=org.guardianportal.contracts.CredentialCommand")
    void on(CredentialCommand command) {
        issuer.handle(command);
    }
}
