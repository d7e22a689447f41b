package org.guardianportal.credential.password;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bson.Document;
import org.guardianportal.contracts.CredentialCommand;
import org.guardianportal.contracts.CredentialIssued;
import org.guardianportal.contracts.Topics;
import org.guardianportal.credential.CredentialServiceTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.query.Update;

import tools.jackson.databind.JsonNode;

class PasswordIssuanceTest extends CredentialServiceTest {

    @Autowired
    private PasswordIssuer issuer;

    @Test
    void theIssuedPasswordTravelsSealedAndOpensToAPasswordThePortalAccepts() {
        String guardianId = newGuardianId();
        String email = "Parent." + guardianId + "@Example.org";
        announce(guardianId, email);
        String batchId = requestBatch(guardianId);

        Issued issued = awaitIssued(guardianId, batchId);

        assertThat(new String(issued.record().value(), StandardCharsets.UTF_8)).doesNotContain(issued.password());
        assertThat(issued.password()).hasSize(12).doesNotContainAnyWhitespaces();
        assertThat(header(issued.record(), "__TypeId__")).as("no Java type header").isNull();
        assertThat(header(issued.record(), "traceparent")).as("W3C trace context").isNotBlank();
        assertThat(traceId(issued.record())).as("the trace of the batch's request, through its command")
                .isEqualTo(traceId(records(Topics.CREDENTIAL_COMMANDS, guardianId).get(0)));
        assertThat(issued.event().email()).isEqualTo(email.toLowerCase());
        assertThat(issued.event().locale()).isEqualTo("fr");
        assertThat(issued.event().requestedBy()).isEqualTo("admin");
        assertThat(issued.event().firstName()).isEqualTo("Camille");
        assertThat(issued.event().expiresAt()).isBetween(
                Instant.now().plus(Duration.ofDays(30)).minusSeconds(120), Instant.now().plus(Duration.ofDays(30)));

        Response verified = post("/api/credentials/verify", json(Map.of("login", email.toUpperCase(),
                "password", issued.password())));
        assertThat(verified.status()).isEqualTo(200);
        JsonNode body = verified.json();
        assertThat(body.path("guardianId").asString()).isEqualTo(guardianId);
        assertThat(body.path("mustChangePassword").asBoolean()).isTrue();

        JsonNode status = get("/api/credentials/guardians/" + guardianId).json();
        assertThat(status.path("status").asString()).isEqualTo("ISSUED");
        assertThat(status.path("login").asString()).isEqualTo(email.toLowerCase());
        assertThat(Instant.parse(status.path("expiresAt").asString())).isEqualTo(issued.event().expiresAt());
        await().atMost(PATIENCE).until(
                () -> get("/api/credentials/batches/" + batchId).json().path("issued").asInt() == 1);
    }

    @Test
    void theSameCommandTwiceIssuesOnceAndANewCommandReplacesThePassword() {
        String guardianId = newGuardianId();
        String email = newEmail();
        Issued first = issuePassword(guardianId, email);
        awaitOutboxEmptied(guardianId);
        ConsumerRecord<String, byte[]> command = records(Topics.CREDENTIAL_COMMANDS, guardianId).get(0);

        kafka.send(Topics.CREDENTIAL_COMMANDS, guardianId, command.value()).join();
        // same key, same partition: once this later command is issued, the duplicate before it was handled
        CredentialCommand again = new CredentialCommand(UUID.randomUUID(),
                CredentialCommand.CommandType.GENERATE_PASSWORD, guardianId, first.event().batchId(), "admin",
                Instant.now());
        kafka.send(Topics.CREDENTIAL_COMMANDS, guardianId, again).join();
        await().atMost(PATIENCE).until(() -> records(Topics.CREDENTIAL_ISSUED, guardianId).size() >= 2);
        awaitConsumed(Topics.CREDENTIAL_COMMANDS);

        List<ConsumerRecord<String, byte[]>> issued = records(Topics.CREDENTIAL_ISSUED, guardianId);
        assertThat(issued).hasSize(2);
        String second = NOTIFICATION_SIDE.open(
                JSON.readValue(issued.get(1).value(), CredentialIssued.class).secret(),
                guardianId);
        assertThat(second).isNotEqualTo(first.password());
        assertThat(verify(email, first.password()).status()).isEqualTo(401);
        assertThat(verify(email, second).status()).isEqualTo(200);
    }

    @Test
    void aRedeliveredCommandWhoseEventKafkaNeverAcknowledgedProducesThatEventAgain() {
        String guardianId = newGuardianId();
        Issued first = issuePassword(guardianId, newEmail());
        awaitOutboxEmptied(guardianId);
        String hash = credential(guardianId).getString("passwordHash");
        // as if the process stopped before Kafka acknowledged: the event is back in the outbox, not yet due for the relay
        putBackInOutbox(first, Instant.now().plus(Duration.ofHours(1)));

        kafka.send(Topics.CREDENTIAL_COMMANDS, guardianId,
                records(Topics.CREDENTIAL_COMMANDS, guardianId).get(0).value()).join();

        ConsumerRecord<String, byte[]> republished = await().atMost(PATIENCE).until(
                () -> records(Topics.CREDENTIAL_ISSUED, guardianId), all -> all.size() == 2).get(1);
        assertSameEvent(republished, first);
        assertThat(credential(guardianId).getString("passwordHash")).as("no new password").isEqualTo(hash);
        awaitOutboxEmptied(guardianId);
    }

    @Test
    void anIssuedEventKafkaNeverAcknowledgedIsRelayed() {
        String guardianId = newGuardianId();
        Issued first = issuePassword(guardianId, newEmail());
        awaitOutboxEmptied(guardianId);
        putBackInOutbox(first, Instant.now().minus(Duration.ofMinutes(1)));

        ConsumerRecord<String, byte[]> relayed = await().atMost(PATIENCE).until(
                () -> records(Topics.CREDENTIAL_ISSUED, guardianId), all -> all.size() == 2).get(1);
        assertSameEvent(relayed, first);
        awaitOutboxEmptied(guardianId);
    }

    @Test
    void aPollLongerThanAGroupWithAGuardianTwiceIssuesOncePerCommandInTheirOrder() {
        List<String> guardianIds = new ArrayList<>();
        List<String> emails = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            guardianIds.add(newGuardianId());
            emails.add(newEmail());
            announce(guardianIds.get(i), emails.get(i));
        }
        String unknown = newGuardianId();
        List<CredentialCommand> poll = new ArrayList<>();
        guardianIds.forEach(guardianId -> poll.add(command(UUID.randomUUID(), guardianId)));
        CredentialCommand again = command(UUID.randomUUID(), guardianIds.get(0));
        poll.add(5, again); // in the first group, with the first command for that guardian
        poll.add(7, poll.get(1)); // a redelivered command, in the same group as the first delivery
        poll.add(9, command(UUID.randomUUID(), unknown));

        issuer.handle(poll, Map.of());

        for (int i = 0; i < guardianIds.size(); i++) {
            String guardianId = guardianIds.get(i);
            List<ConsumerRecord<String, byte[]>> issued = await().atMost(PATIENCE).until(
                    () -> records(Topics.CREDENTIAL_ISSUED, guardianId), all -> !all.isEmpty());
            awaitOutboxEmptied(guardianId);
            assertThat(records(Topics.CREDENTIAL_ISSUED, guardianId).stream()
                    .map(record -> JSON.readTree(record.value()).path("eventId").asString()).distinct())
                    .as("one password per command").hasSize(i == 0 ? 2 : 1);
            CredentialIssued last = JSON.readValue(issued.get(issued.size() - 1).value(), CredentialIssued.class);
            assertThat(verify(emails.get(i), NOTIFICATION_SIDE.open(last.secret(), guardianId)).status())
                    .as("the password of the last event opens the portal").isEqualTo(200);
        }
        assertThat(credential(guardianIds.get(0)).getString("lastCommandId")).isEqualTo(again.commandId().toString());
        assertThat(JSON.readTree(await().atMost(PATIENCE).until(() -> records(Topics.CREDENTIAL_REJECTED, unknown),
                all -> !all.isEmpty()).get(0).value()).path("reason").asString()).isEqualTo("UNKNOWN_GUARDIAN");
    }

    @Test
    void aCommandForAGuardianWithoutEmailOrUnknownHereIsRejected() {
        String withoutEmail = newGuardianId();
        announce(withoutEmail, null);
        String unknown = newGuardianId();
        UUID commandId = UUID.randomUUID();

        kafka.send(Topics.CREDENTIAL_COMMANDS, withoutEmail, command(commandId, withoutEmail)).join();
        kafka.send(Topics.CREDENTIAL_COMMANDS, unknown, command(UUID.randomUUID(), unknown)).join();

        JsonNode noEmail = JSON.readTree(await().atMost(PATIENCE).until(
                () -> records(Topics.CREDENTIAL_REJECTED, withoutEmail), all -> !all.isEmpty()).get(0).value());
        assertThat(noEmail.path("reason").asString()).isEqualTo("NO_EMAIL");
        assertThat(noEmail.path("commandId").asString()).isEqualTo(commandId.toString());
        assertThat(noEmail.path("eventId").asString()).isNotBlank();
        assertThat(traceId(records(Topics.CREDENTIAL_REJECTED, withoutEmail).get(0))).as("its command's trace")
                .isEqualTo(traceId(records(Topics.CREDENTIAL_COMMANDS, withoutEmail).get(0)));
        JsonNode notKnown = JSON.readTree(await().atMost(PATIENCE).until(
                () -> records(Topics.CREDENTIAL_REJECTED, unknown), all -> !all.isEmpty()).get(0).value());
        assertThat(notKnown.path("reason").asString()).isEqualTo("UNKNOWN_GUARDIAN");
        assertThat(credential(withoutEmail)).isNull();
        assertThat(credential(unknown)).isNull();
    }

    @Test
    void aCommandThatBreaksTheContractOrIsNotJsonIsDeadLetteredWithItsReason() {
        String missingGuardian = "k-" + UUID.randomUUID();
        String garbage = "k-" + UUID.randomUUID();
        kafka.send(Topics.CREDENTIAL_COMMANDS, missingGuardian, Map.of("commandId", UUID.randomUUID().toString(),
                "type", "GENERATE_PASSWORD", "batchId", "b-1")).join();
        kafka.send(Topics.CREDENTIAL_COMMANDS, garbage, "{not json".getBytes(StandardCharsets.UTF_8)).join();

        String dlt = Topics.CREDENTIAL_COMMANDS + Topics.DLT_SUFFIX;
        ConsumerRecord<String, byte[]> invalid = await().atMost(PATIENCE).until(
                () -> records(dlt, missingGuardian), all -> !all.isEmpty()).get(0);
        assertThat(header(invalid, Topics.DLT_REASON_HEADER)).contains("without guardianId");
        ConsumerRecord<String, byte[]> unreadable = await().atMost(PATIENCE).until(
                () -> records(dlt, garbage), all -> !all.isEmpty()).get(0);
        assertThat(header(unreadable, Topics.DLT_REASON_HEADER)).contains("not valid JSON");
        assertThat(new String(unreadable.value(), StandardCharsets.UTF_8)).isEqualTo("{not json");
    }

    @Test
    void noPasswordIsStoredOrProducedInPlaintext() {
        String email = newEmail();
        String guardianId = newGuardianId();
        Issued issued = issuePassword(guardianId, email);
        Issued other = issuePassword(newGuardianId(), newEmail());
        String chosen = "Mon nouveau mot de passe 2024";
        assertThat(post("/api/credentials/password", json(Map.of("login", email,
                "currentPassword", issued.password(), "newPassword", chosen))).status()).isEqualTo(204);

        List<String> secrets = List.of(issued.password(), other.password(), chosen);
        List<String> stored = new ArrayList<>();
        for (String collection : mongo.getCollectionNames()) {
            mongo.getCollection(collection).find().forEach(document -> stored.add(document.toJson()));
        }
        assertThat(stored).isNotEmpty();
        assertThat(credential(guardianId).getString("passwordHash")).startsWith("{bcrypt}");
        for (String secret : secrets) {
            assertThat(stored).noneMatch(json -> json.contains(secret));
            assertThat(records(Topics.CREDENTIAL_ISSUED, guardianId))
                    .noneMatch(r -> new String(r.value(), StandardCharsets.UTF_8).contains(secret));
        }
    }

    private Response verify(String login, String password) {
        return post("/api/credentials/verify", json(Map.of("login", login, "password", password)));
    }

    private static CredentialCommand command(UUID commandId, String guardianId) {
        return new CredentialCommand(commandId, CredentialCommand.CommandType.GENERATE_PASSWORD, guardianId,
                "b-" + UUID.randomUUID(), "admin", Instant.now());
    }

    private Document credential(String guardianId) {
        return mongo.getCollection(Credential.COLLECTION).find(new Document("_id", guardianId)).first();
    }

    private void awaitOutboxEmptied(String guardianId) {
        await().atMost(PATIENCE).until(() -> !credential(guardianId).containsKey("pendingIssue"));
    }

    private void putBackInOutbox(Issued issued, Instant since) {
        mongo.updateFirst(query(where("_id").is(issued.event().guardianId())),
                new Update().set("pendingIssue", PendingIssue.of(issued.event())).set("pendingSince", since),
                Credential.class);
    }

    private static void assertSameEvent(ConsumerRecord<String, byte[]> record, Issued original) {
        CredentialIssued event = JSON.readValue(record.value(), CredentialIssued.class);
        assertThat(event).isEqualTo(original.event());
        assertThat(NOTIFICATION_SIDE.open(event.secret(), event.guardianId())).isEqualTo(original.password());
    }

    /** The trace id of a record's W3C trace context; a record without one fails the test. */
    private static String traceId(ConsumerRecord<?, ?> record) {
        String traceparent = header(record, "traceparent");
        assertThat(traceparent).as("traceparent of a record of %s", record.topic()).isNotBlank();
        return traceparent.split("-")[1];
    }
}
