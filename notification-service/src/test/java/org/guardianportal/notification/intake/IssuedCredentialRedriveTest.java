package org.guardianportal.notification.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;

import org.guardianportal.contracts.CredentialIssued;
import org.guardianportal.contracts.Topics;
import org.guardianportal.notification.NotificationServiceTest;
import org.guardianportal.notification.message.MessageDocument;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

import tools.jackson.databind.JsonNode;

/**
 * An issued credential refused because the store stayed down through the intake's retries is not lost: it waits in
 * the dead-letter log (kept once the store is back), its sealed password not shown, and an operator's re-drive makes
 * it a message. Against the embedded broker and the real store, cut as a failed network would.
 */
class IssuedCredentialRedriveTest extends NotificationServiceTest {

    private static final String DEAD_LETTERS = "/api/dead-letters/" + Topics.CREDENTIAL_ISSUED;

    @Test
    void anIssuedCredentialRefusedWhileTheStoreWasDownIsSentAgainAndBecomesAMessage() {
        String guardianId = "g-" + UUID.randomUUID();
        CredentialIssued issued = issued(guardianId, "batch-outage", "outage@example.org", null, "Outage9Secret");
        STORE.cutFromCommandMentioning(guardianId);
        try {
            publish(issued);
            await().atMost(Duration.ofSeconds(30)).until(() -> recordsOf(Topics.CREDENTIAL_ISSUED + Topics.DLT_SUFFIX)
                    .stream().anyMatch(record -> guardianId.equals(record.key())));
        } finally {
            STORE.restore();
        }
        assertThat(messagesOf(guardianId)).isEmpty();

        JsonNode dead = await().atMost(Duration.ofSeconds(30)).until(() -> deadLetterKeyed(guardianId),
                found -> found != null);
        assertThat(dead.path("reason").asString()).startsWith("Could not be stored after retries");
        assertThat(dead.path("topic").asString()).isEqualTo(Topics.CREDENTIAL_ISSUED);
        JsonNode payload = json.readTree(dead.path("payload").asString());
        assertThat(payload.path("guardianId").asString()).isEqualTo(guardianId);
        assertThat(payload.path("secret").asString()).as("the sealed password is not shown").isEqualTo("***");
        assertThat(dead.path("payload").asString()).doesNotContain(issued.secret().ciphertext());

        Reply redriven = post(DEAD_LETTERS + "/" + dead.path("id").asString() + "/redrive", null,
                Map.of("X-Authenticated-User", "operateur.lyon"));

        assertThat(redriven.status()).isEqualTo(202);
        assertThat(redriven.body().path("redrives").get(0).path("by").asString()).isEqualTo("operateur.lyon");
        MessageDocument message = await().atMost(Duration.ofSeconds(15)).until(() -> messagesOf(guardianId),
                found -> !found.isEmpty()).get(0);
        assertThat(message.recipient()).isEqualTo("outage@example.org");
        assertThat(message.eventId()).isEqualTo(issued.eventId().toString());
    }

    private JsonNode deadLetterKeyed(String key) {
        JsonNode items = get(DEAD_LETTERS + "?size=500").body().path("items");
        return StreamSupport.stream(items.spliterator(), false).filter(item -> key.equals(item.path("key").asString()))
                .findFirst().orElse(null);
    }

    private List<MessageDocument> messagesOf(String guardianId) {
        return mongo.find(new Query(Criteria.where("guardianId").is(guardianId)), MessageDocument.class);
    }
}
