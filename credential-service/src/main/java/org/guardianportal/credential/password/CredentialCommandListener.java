package org.guardianportal.credential.password;

import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.guardianportal.contracts.CredentialCommand;
import org.guardianportal.contracts.Topics;
import org.guardianportal.credential.messaging.PollOfEvents;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Polls of commands, carried out a group at a time ({@link PasswordIssuer}, which hashes their passwords on every
 * core); one consumer per partition. A record that cannot be read or breaks the contract goes to the dead letters
 * ({@link PollOfEvents}).
 */
@Component
class CredentialCommandListener {

    private final PasswordIssuer issuer;

    CredentialCommandListener(PasswordIssuer issuer) {
        this.issuer = issuer;
    }

    @KafkaListener(topics = Topics.CREDENTIAL_COMMANDS, concurrency = "${credential.topics.partitions:6}",
            batch = "true", containerPostProcessor = "withoutListenerTimer",
            properties = "spring.json.value.default.type=org.guardianportal.contracts.CredentialCommand")
    void on(List<ConsumerRecord<String, CredentialCommand>> records) {
        PollOfEvents.apply(records, Topics.CREDENTIAL_COMMANDS, PasswordIssuer::check,
                commands -> issuer.handle(commands, CommandTraces.of(records)));
    }
}
