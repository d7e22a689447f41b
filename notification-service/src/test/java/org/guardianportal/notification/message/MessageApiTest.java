package org.guardianportal.notification.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayInputStream;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.bson.Document;
import org.guardianportal.contracts.MessageStatus;
import org.guardianportal.contracts.Topics;
import org.guardianportal.notification.MessageFixture;
import org.guardianportal.notification.NotificationServiceTest;
import org.guardianportal.notification.web.RequestConflictException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;
import tools.jackson.databind.JsonNode;

@RecordApplicationEvents
class MessageApiTest extends NotificationServiceTest {

    private static final Instant T0 = Instant.parse("2025-09-01T08:00:00Z");

    @Autowired
    private MessageStore messageStore;
    @Autowired
    private MessageLog messageLog;

    @BeforeEach
    void emptyLog() {
        mongo.remove(new Query(), MessageDocument.class);
        for (String postings : List.of("messageSearchChains", "messageSearchPostings", "messageSubjects")) {
            mongo.getCollection(postings).deleteMany(new Document());
        }
    }

    // ---- search

    @Test
    void subjectSearchIgnoresCaseAndAccents() {
        store(fixture().subject("Votre mot de passe Portail Famille"));
        store(fixture().subject("Votre mot de passe Portail Famille"));
        store(fixture().subject("Réinitialisation de votre accès"));

        assertThat(search("subject=mot de passe").path("total").asLong()).isEqualTo(2);
        assertThat(search("subject=MOT DE PASSE").path("total").asLong()).isEqualTo(2);
        assertThat(search("subject=reinitialisation").path("total").asLong()).isEqualTo(1);
        assertThat(search("subject=RÉINITIALISATION accès").path("total").asLong()).isEqualTo(1);
        assertThat(search("subject=mot de passe oublié").path("total").asLong()).isZero();
    }

    @Test
    void freeTextFindsNamesAndAddressesWithoutAccents() {
        store(fixture().names("Hélène", "Lefèvre").recipient("helene.lefevre@example.org"));
        store(fixture().names("Jean", "Dupont").recipient("jean.dupont@ecole.fr"));

        assertThat(recipientsOf(search("q=LEFEVRE"))).containsExactly("helene.lefevre@example.org");
        assertThat(recipientsOf(search("q=Hélène mot de passe"))).containsExactly("helene.lefevre@example.org");
        assertThat(recipientsOf(search("q=jean.dupont@ecole.fr"))).containsExactly("jean.dupont@ecole.fr");
        assertThat(search("q=durand").path("items")).isEmpty();
    }

    @Test
    void recipientMatchesTheWholeAddressInAnyCase() {
        store(fixture().recipient("marie.curie@example.org"));
        store(fixture().recipient("marie.curie@example.com"));

        assertThat(recipientsOf(search("recipient=Marie.Curie@EXAMPLE.org")))
                .containsExactly("marie.curie@example.org");
        assertThat(search("recipient=marie.curie").path("items")).isEmpty();
    }

    @Test
    void filtersCombineOnBatchStatusGuardianAndRequester() {
        store(fixture().batchId("b-1").status(MessageStatus.SENT).requestedBy("alice").guardianId("g-1"));
        store(fixture().batchId("b-1").status(MessageStatus.FAILED).requestedBy("alice").guardianId("g-2"));
        store(fixture().batchId("b-2").status(MessageStatus.FAILED).requestedBy("bob").guardianId("g-3"));

        assertThat(search("batchId=b-1").path("total").asLong()).isEqualTo(2);
        assertThat(search("batchId=b-1&status=FAILED").path("items").get(0).path("guardianId").asString())
                .isEqualTo("g-2");
        assertThat(search("status=FAILED").path("total").asLong()).isEqualTo(2);
        assertThat(search("requestedBy=bob").path("items").get(0).path("guardianId").asString()).isEqualTo("g-3");
        assertThat(search("guardianId=g-1").path("items").get(0).path("status").asString()).isEqualTo("SENT");
    }

    @Test
    void datesSelectACreationPeriodFromInclusiveToExclusive() {
        store(fixture().createdAt(T0).guardianId("early"));
        store(fixture().createdAt(T0.plusSeconds(3600)).guardianId("middle"));
        store(fixture().createdAt(T0.plusSeconds(7200)).guardianId("late"));

        assertThat(guardiansOf(search("from=2025-09-01T09:00:00Z"))).containsExactly("late", "middle");
        assertThat(guardiansOf(search("to=2025-09-01T09:00:00Z"))).containsExactly("early");
        assertThat(guardiansOf(search("from=2025-09-01T08:30:00Z&to=2025-09-01T09:30:00Z")))
                .containsExactly("middle");
    }

    @Test
    void pagesListTheNewestFirstWithTheTotal() {
        for (int i = 0; i < 7; i++) {
            store(fixture().createdAt(T0.plusSeconds(i)).guardianId("g-" + i));
        }

        JsonNode first = search("size=3");
        assertThat(guardiansOf(first)).containsExactly("g-6", "g-5", "g-4");
        assertThat(first.path("page").asInt()).isZero();
        assertThat(first.path("size").asInt()).isEqualTo(3);
        assertThat(first.path("total").asLong()).isEqualTo(7);
        assertThat(guardiansOf(search("size=3&page=2"))).containsExactly("g-0");
        assertThat(search("size=3&page=2").path("total").asLong()).isEqualTo(7);
        JsonNode beyond = search("size=3&page=9&subject=passe");
        assertThat(beyond.path("items")).isEmpty();
        assertThat(beyond.path("total").asLong()).isEqualTo(7);
        assertThat(search("").path("size").asInt()).isEqualTo(50);
    }

    @Test
    void messagesStoredOutOfCreationOrderAreStillListedNewestFirst() {
        store(fixture().createdAt(T0.plusSeconds(2)).guardianId("g-2"));
        store(fixture().createdAt(T0).guardianId("g-0"));
        store(fixture().createdAt(T0.plusSeconds(3)).guardianId("g-3"));
        store(fixture().createdAt(T0.plusSeconds(1)).guardianId("g-1"));

        assertThat(guardiansOf(search(""))).containsExactly("g-3", "g-2", "g-1", "g-0");
        assertThat(guardiansOf(search("subject=passe&size=2&page=1"))).containsExactly("g-1", "g-0");
    }

    @Test
    void aLargeLogIsPagedNewestFirstWithExactTotalsForEverySearch() {
        List<MessageDocument> messages = new ArrayList<>();
        for (int i = 0; i < 2_500; i++) {
            messages.add(fixture().createdAt(T0.plusSeconds(i)).guardianId("g-" + i)
                    .batchId("b-" + i % 2).names(i % 10 == 0 ? "Inès" : "Hugo", i % 4 == 0 ? "Martin" : "Petit")
                    .status(i % 3 == 0 ? MessageStatus.FAILED : MessageStatus.SENT).build());
        }
        for (int start = 0; start < messages.size(); start += 700) {
            messageStore.insertNew(messages.subList(start, Math.min(messages.size(), start + 700)));
        }

        JsonNode newest = search("subject=mot de passe&size=3");
        assertThat(newest.path("total").asLong()).isEqualTo(2_500);
        assertThat(guardiansOf(newest)).containsExactly("g-2499", "g-2498", "g-2497");
        assertThat(guardiansOf(search("size=500&page=4"))).hasSize(500).endsWith("g-0");
        assertThat(guardiansOf(search("batchId=b-1&size=2&page=600"))).containsExactly("g-99", "g-97");
        JsonNode both = search("q=INES martin&size=2");
        assertThat(both.path("total").asLong()).isEqualTo(125);
        assertThat(guardiansOf(both)).containsExactly("g-2480", "g-2460");
        JsonNode failed = search("q=ines martin&status=FAILED&batchId=b-0&size=2");
        assertThat(failed.path("total").asLong()).isEqualTo(42);
        assertThat(guardiansOf(failed)).containsExactly("g-2460", "g-2400");
        assertThat(search("q=ines&from=2025-09-01T08:00:10Z&to=2025-09-01T08:00:30Z").path("total").asLong())
                .isEqualTo(2);
        assertThat(get("/api/messages/stats?batchId=b-0").body().path("byStatus").path("FAILED").asLong())
                .isEqualTo(417);
    }

    @Test
    void messagesArrivingOneByOneKeepEverySearchDocumentSmall() {
        for (int i = 0; i < 250; i++) {
            store(fixture().createdAt(T0.plusSeconds(i)).guardianId("g-" + i).batchId("b-single"));
        }

        JsonNode newest = search("batchId=b-single&size=3");
        assertThat(newest.path("total").asLong()).isEqualTo(250);
        assertThat(guardiansOf(newest)).containsExactly("g-249", "g-248", "g-247");
        assertThat(guardiansOf(search("subject=mot de passe&size=40&page=2"))).hasSize(40)
                .startsWith("g-169").endsWith("g-130");
        assertThat(guardiansOf(search("size=100&page=2"))).hasSize(50).endsWith("g-0");
        assertThat(get("/api/messages/stats?batchId=b-single").body().path("total").asLong()).isEqualTo(250);
        // each append rewrites the document it lands in: none may grow with the log
        for (String postings : List.of("messageSearchChains", "messageSearchPostings")) {
            mongo.getCollection(postings).find().forEach(document -> assertThat(
                    document.getList("entries", Document.class, List.of())).hasSizeLessThanOrEqualTo(50));
        }
    }

    @Test
    void aChainWrittenWithBucketsOfAThousandIsStillReadAndAppendedTo() {
        // the layout before heads named their bucket size: a head of 1,000 postings, then buckets of 1,000
        List<MessageDocument> messages = new ArrayList<>();
        List<Document> postings = new ArrayList<>();
        for (int i = 0; i < 1_050; i++) {
            MessageDocument message = fixture().createdAt(T0.plusSeconds(i)).guardianId("g-" + i).batchId("b-former")
                    .build();
            messages.add(message);
            postings.add(new Document("id", message.id()).append("at", Date.from(message.createdAt())));
        }
        mongo.insert(messages, MessageDocument.class);
        mongo.getCollection("messageSearchChains").insertOne(new Document("_id", "batch:b-former")
                .append("count", 1_050).append("entries", postings.subList(0, 1_000)));
        mongo.getCollection("messageSearchPostings").insertOne(new Document("_id", "batch:b-former#1")
                .append("entries", postings.subList(1_000, 1_050))
                .append("bound", Date.from(T0.plusSeconds(999))));

        store(fixture().createdAt(T0.plusSeconds(5_000)).guardianId("g-new").batchId("b-former"));

        JsonNode newest = search("batchId=b-former&size=3");
        assertThat(newest.path("total").asLong()).isEqualTo(1_051);
        assertThat(guardiansOf(newest)).containsExactly("g-new", "g-1049", "g-1048");
        assertThat(guardiansOf(search("batchId=b-former&size=50&page=21"))).containsExactly("g-0");
        assertThat(mongo.getCollection("messageSearchPostings").find(new Document("_id", "batch:b-former#1"))
                .first().getList("entries", Document.class)).hasSize(51);
        assertThat(get("/api/messages/stats?batchId=b-former").body().path("total").asLong()).isEqualTo(1_051);
    }

    @Test
    void aMessageStoredTwiceIsFoundOnceAndCountedOnce() {
        MessageDocument message = store(fixture().recipient("once@example.org"));

        assertThat(messageStore.insertNew(List.of(message))).isEmpty();

        JsonNode found = search("recipient=once@example.org");
        assertThat(found.path("total").asLong()).isEqualTo(1);
        assertThat(found.path("items")).hasSize(1);
        assertThat(search("").path("total").asLong()).isEqualTo(1);
    }

    @Test
    void anItemShowsTheDeliveryStateButNeverTheBodyOrSecret() {
        MessageDocument message = store(fixture().status(MessageStatus.FAILED).attempts(5)
                .lastError("Couldn't connect to host").password("Never9Listed"));

        Reply reply = get("/api/messages?batchId=" + message.batchId());

        assertThat(reply.status()).isEqualTo(200);
        JsonNode item = reply.body().path("items").get(0);
        assertThat(names(item)).containsExactlyInAnyOrder("id", "guardianId", "batchId", "requestedBy", "recipient",
                "subject", "status", "attempts", "lastError", "createdAt", "scheduledFor", "sentAt");
        assertThat(item.path("id").asString()).isEqualTo(message.id());
        assertThat(item.path("attempts").asInt()).isEqualTo(5);
        assertThat(item.path("lastError").asString()).isEqualTo("Couldn't connect to host");
        assertThat(reply.text()).doesNotContain("Never9Listed");
    }

    @Test
    void invalidSearchParametersAreRefusedNamingEachOne() {
        Reply reply = get("/api/messages?status=LOST&from=yesterday&page=-1&size=501");

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.contentType()).startsWith("application/problem+json");
        assertThat(reply.body().path("detail").asString()).isEqualTo("4 values of the request are invalid: 'yesterday' "
                + "is not an ISO-8601 instant such as 2025-09-01T00:00:00Z; 'LOST' is not one of [PENDING, SENDING, "
                + "SENT, FAILED]; '-1' is not a whole number from 0 up; '501' is not a whole number from 1 to 500.");
        List<String> fields = new ArrayList<>();
        reply.body().path("errors").forEach(error -> fields.add(error.path("field").asString()));
        assertThat(fields).containsExactlyInAnyOrder("status", "from", "page", "size");
        assertThat(get("/api/messages?to=2025-01-01").body().path("errors").get(0).path("field").asString())
                .isEqualTo("to");
        assertThat(get("/api/messages?from=2025-02-01T00:00:00Z&to=2025-01-01T00:00:00Z").status()).isEqualTo(400);
        assertThat(get("/api/messages?size=0").status()).isEqualTo(400);
    }

    @Test
    void refusalsAreWordedInFrenchForAFrenchRequest() {
        MessageDocument pending = store(fixture());
        Map<String, String> french = Map.of("Accept-Language", "fr-FR,fr;q=0.9,en;q=0.8");

        Reply badPage = send(HttpRequest.newBuilder(uri("/api/messages?page=-1")).header("Accept-Language", "fr"));
        Reply unknown = post("/api/messages/nope/replay", null, french);
        Reply queued = post("/api/messages/" + pending.id() + "/replay", null, french);
        Reply noStatus = post("/api/messages/replays", "{}", french);
        Reply malformed = post("/api/messages/replays", "{\"status\":", french);
        Reply tooLarge = post("/api/messages/replays", "{\"batchId\":\"" + "x".repeat(5_000) + "\"}", french);

        assertThat(badPage.body().path("detail").asString())
                .isEqualTo("La demande est incorrecte : page « -1 » n’est pas un nombre entier d’au moins 0.");
        assertThat(badPage.body().path("errors").get(0).path("message").asString())
                .isEqualTo("« -1 » n’est pas un nombre entier d’au moins 0");
        assertThat(unknown.body().path("detail").asString()).isEqualTo("Aucun message n’a l’identifiant nope.");
        assertThat(queued.status()).isEqualTo(409);
        assertThat(queued.body().path("detail").asString()).isEqualTo("Le message " + pending.id()
                + " est en attente : il est déjà prévu pour un envoi le " + pending.scheduledFor() + ".");
        assertThat(noStatus.body().path("errors").get(0).path("message").asString())
                .isEqualTo("est obligatoire : FAILED ou SENT");
        assertThat(malformed.body().path("detail").asString())
                .isEqualTo("Le corps de la demande manque ou n’est pas du JSON valide.");
        assertThat(tooLarge.body().path("detail").asString()).isEqualTo("Le corps de la demande dépasse les 4 Ko acceptés.");
        assertThat(reload(pending).statusVersion()).isEqualTo(1);
    }

    // ---- detail and reveal

    @Test
    void theDetailShowsTheBodyWithThePasswordMasked() {
        MessageDocument message = store(fixture().password("Masked9Secret"));

        Reply reply = get("/api/messages/" + message.id());

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body().path("body").asString()).contains("Mot de passe temporaire : ••••••••")
                .doesNotContain(MessageBody.PASSWORD_PLACEHOLDER);
        assertThat(reply.text()).doesNotContain("Masked9Secret");
        assertThat(reply.body().has("secret")).isFalse();
        assertThat(reply.body().path("reveals")).isEmpty();
        assertThat(reply.body().path("subject").asString()).isEqualTo("Votre mot de passe Portail Famille");
    }

    @Test
    void aRevealGivesThePasswordAndRecordsWhoSawIt() {
        MessageDocument message = store(fixture().password("Reveal9Me"));

        Reply reveal = post("/api/messages/" + message.id() + "/reveal", null, Map.of("X-Authenticated-User", "alice"));
        Reply anonymous = post("/api/messages/" + message.id() + "/reveal", null);

        assertThat(reveal.status()).isEqualTo(200);
        assertThat(reveal.body().path("password").asString()).isEqualTo("Reveal9Me");
        assertThat(anonymous.body().path("password").asString()).isEqualTo("Reveal9Me");
        JsonNode reveals = get("/api/messages/" + message.id()).body().path("reveals");
        assertThat(reveals).hasSize(2);
        assertThat(reveals.get(0).path("by").asString()).isEqualTo("alice");
        assertThat(Instant.parse(reveals.get(0).path("at").asString())).isBefore(Instant.now().plusSeconds(1));
        assertThat(reveals.get(1).path("by").asString()).isEqualTo("anonymous");
        assertThat(mongo.getCollection(MessageDocument.COLLECTION).find().first().toJson()).doesNotContain("Reveal9Me");
    }

    @Test
    void unknownIdsAre404Problems() {
        for (Reply reply : List.of(get("/api/messages/nope"), post("/api/messages/nope/reveal", null),
                post("/api/messages/nope/replay", null))) {
            assertThat(reply.status()).isEqualTo(404);
            assertThat(reply.contentType()).startsWith("application/problem+json");
            assertThat(reply.body().path("detail").asString()).isEqualTo("No message with id nope.");
        }
    }

    // ---- replay

    @Test
    void aSentMessageCanBeReplayedAndIsQueuedForTheNextRun() {
        MessageDocument message = store(fixture().status(MessageStatus.SENT).attempts(1).sentAt(T0));

        Reply reply = post("/api/messages/" + message.id() + "/replay", null);

        assertThat(reply.status()).isEqualTo(202);
        assertThat(reply.body().path("status").asString()).isEqualTo("PENDING");
        assertThat(reply.body().path("attempts").asInt()).isZero();
        assertThat(Instant.parse(reply.body().path("scheduledFor").asString())).isBefore(Instant.now().plusSeconds(1));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(statusEventsOf(message.id()))
                .extracting(event -> event.path("status").asString())
                .startsWith("PENDING"));
    }

    /** Events are recorded on the thread that publishes them: the replays are asked here, not through HTTP. */
    @Test
    void aReplayTellsThisInstancesDeliveryThatMessagesAreQueued(ApplicationEvents applicationEvents) {
        MessageDocument sent = store(fixture().status(MessageStatus.SENT).attempts(1).sentAt(T0));
        for (int i = 0; i < 3; i++) {
            store(fixture().batchId("b-wake").status(MessageStatus.FAILED).attempts(5));
        }
        MessageDocument pending = store(fixture());

        messageLog.replay(sent.id());
        assertThat(applicationEvents.stream(MessagesQueued.class)).hasSize(1);
        assertThat(reload(sent).status()).isIn(MessageStatus.PENDING, MessageStatus.SENDING, MessageStatus.SENT);

        long requeued = messageLog.replayAll(new MessageQueryParameters.ReplaySelection(MessageStatus.FAILED,
                "b-wake", null, null));
        assertThat(requeued).isEqualTo(3);
        assertThat(applicationEvents.stream(MessagesQueued.class)).hasSize(2);

        assertThatThrownBy(() -> messageLog.replay(pending.id())).isInstanceOfSatisfying(
                RequestConflictException.class, refused -> assertThat(refused.getDetailMessageCode())
                        .isEqualTo("replay.pending"));
        assertThat(applicationEvents.stream(MessagesQueued.class)).as("nothing queued, nothing told").hasSize(2);
    }

    @Test
    void aMessageStillQueuedOrBeingSentCannotBeReplayed() {
        MessageDocument pending = store(fixture());
        MessageDocument sending = store(fixture().leasedUntil(MessageFixture.NEVER));

        Reply pendingReply = post("/api/messages/" + pending.id() + "/replay", null);
        Reply sendingReply = post("/api/messages/" + sending.id() + "/replay", null);

        assertThat(pendingReply.status()).isEqualTo(409);
        assertThat(pendingReply.contentType()).startsWith("application/problem+json");
        assertThat(pendingReply.body().path("detail").asString()).contains("PENDING", "already queued");
        assertThat(sendingReply.status()).isEqualTo(409);
        assertThat(sendingReply.body().path("detail").asString()).contains("SENDING");
        assertThat(reload(pending).statusVersion()).isEqualTo(1);
        assertThat(reload(sending).status()).isEqualTo(MessageStatus.SENDING);
    }

    @Test
    void allFailedMessagesOfABatchAreReplayedTogether() {
        List<MessageDocument> failed = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            failed.add(store(fixture().batchId("b-replay").status(MessageStatus.FAILED).attempts(5)
                    .lastError("Connection refused")));
        }
        MessageDocument sentInBatch = store(fixture().batchId("b-replay").status(MessageStatus.SENT));
        MessageDocument failedElsewhere = store(fixture().batchId("b-other").status(MessageStatus.FAILED));

        Reply reply = post("/api/messages/replays", "{\"status\":\"FAILED\",\"batchId\":\"b-replay\"}");

        assertThat(reply.status()).isEqualTo(202);
        assertThat(reply.body().path("requeued").asLong()).isEqualTo(3);
        assertThat(failed).allSatisfy(message -> {
            MessageDocument now = reload(message);
            assertThat(now.status()).isIn(MessageStatus.PENDING, MessageStatus.SENDING, MessageStatus.SENT);
            assertThat(now.lastError()).isNull();
        });
        assertThat(reload(sentInBatch).status()).isEqualTo(MessageStatus.SENT);
        assertThat(reload(failedElsewhere).status()).isEqualTo(MessageStatus.FAILED);
        // each event tells of the replay's change: one version further, no attempt yet, no error
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(failed).allSatisfy(message ->
                assertThat(statusEventsOf(message.id())).first().satisfies(event -> {
                    assertThat(event.path("status").asString()).isEqualTo("PENDING");
                    assertThat(event.path("eventId").asString()).isEqualTo(
                            StatusEvents.eventId(message.id(), message.statusVersion() + 1).toString());
                    assertThat(event.path("attempts").asInt()).isZero();
                    assertThat(event.path("lastError").isNull() || event.path("lastError").isMissingNode()).isTrue();
                    assertThat(event.path("guardianId").asString()).isEqualTo(message.guardianId());
                    assertThat(event.path("batchId").asString()).isEqualTo("b-replay");
                })));
    }

    /**
     * The events of one replayed chunk are published in one span, a child of the replay's request: each carries
     * the request's trace, and the same span.
     */
    @Test
    void theEventsOfAReplayCarryTheTraceOfItsRequest() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ids.add(store(fixture().batchId("b-traced").status(MessageStatus.FAILED)).id());
        }
        String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";

        Reply reply = post("/api/messages/replays", "{\"status\":\"FAILED\",\"batchId\":\"b-traced\"}",
                Map.of("traceparent", "00-" + traceId + "-00f067aa0ba902b7-01"));

        assertThat(reply.status()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            List<String> traceparents = recordsOf(Topics.NOTIFICATION_STATUS_CHANGED).stream()
                    .filter(record -> ids.stream().anyMatch(id -> record.value().contains(id))
                            && record.value().contains("\"PENDING\""))
                    .map(record -> new String(record.headers().lastHeader("traceparent").value(),
                            StandardCharsets.UTF_8))
                    .toList();
            assertThat(traceparents).hasSize(3).allMatch(traceparent -> traceparent.contains(traceId));
            assertThat(Set.copyOf(traceparents)).as("one span for the chunk").hasSize(1)
                    .noneMatch(traceparent -> traceparent.contains("00f067aa0ba902b7"));
        });
    }

    @Test
    void aReplayNeverTakesAMessageWhoseStatusChangedAfterTheReplayWasAsked() {
        // what a long replay finds SENT with a later status change, it queued itself and delivery already re-sent
        MessageDocument sentBefore = store(fixture().batchId("b-resent").status(MessageStatus.SENT));
        MessageDocument resentMeanwhile = store(fixture().batchId("b-resent").status(MessageStatus.SENT)
                .createdAt(Instant.now().plusSeconds(3600)));

        Reply reply = post("/api/messages/replays", "{\"status\":\"SENT\",\"batchId\":\"b-resent\"}");

        assertThat(reply.body().path("requeued").asLong()).isEqualTo(1);
        assertThat(reload(sentBefore).statusVersion()).isGreaterThan(1);
        assertThat(reload(resentMeanwhile).status()).isEqualTo(MessageStatus.SENT);
        assertThat(reload(resentMeanwhile).statusVersion()).isEqualTo(1);
    }

    @Test
    void replaysSelectByCreationPeriod() {
        store(fixture().status(MessageStatus.FAILED).createdAt(T0));
        MessageDocument recent = store(fixture().status(MessageStatus.FAILED).createdAt(T0.plusSeconds(7200)));

        Reply reply = post("/api/messages/replays",
                "{\"status\":\"FAILED\",\"from\":\"2025-09-01T09:00:00Z\",\"to\":\"2025-09-01T11:00:00Z\"}");

        assertThat(reply.body().path("requeued").asLong()).isEqualTo(1);
        assertThat(reload(recent).status()).isNotEqualTo(MessageStatus.FAILED);
    }

    @Test
    void aReplayRequestWithoutAValidStatusChangesNothing() {
        MessageDocument failed = store(fixture().status(MessageStatus.FAILED));

        Reply missing = post("/api/messages/replays", "{\"batchId\":\"" + failed.batchId() + "\"}");
        Reply pending = post("/api/messages/replays", "{\"status\":\"PENDING\"}");
        Reply badDate = post("/api/messages/replays", "{\"status\":\"FAILED\",\"from\":\"last week\"}");
        Reply malformed = post("/api/messages/replays", "{\"status\":");
        Reply noBody = post("/api/messages/replays", null);

        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.body().path("errors").get(0).path("field").asString()).isEqualTo("status");
        assertThat(pending.status()).isEqualTo(400);
        assertThat(pending.body().path("errors").get(0).path("message").asString()).contains("FAILED", "SENT");
        assertThat(badDate.body().path("errors").get(0).path("field").asString()).isEqualTo("from");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.contentType()).startsWith("application/problem+json");
        assertThat(malformed.body().path("detail").asString()).contains("not valid JSON");
        assertThat(noBody.status()).isEqualTo(400);
        assertThat(reload(failed).status()).isEqualTo(MessageStatus.FAILED);
        assertThat(reload(failed).statusVersion()).isEqualTo(1);
    }

    // ---- stats

    @Test
    void statsCountEveryStatusOfABatch() {
        store(fixture().batchId("b-stats").status(MessageStatus.SENT));
        store(fixture().batchId("b-stats").status(MessageStatus.SENT));
        store(fixture().batchId("b-stats").status(MessageStatus.FAILED));
        store(fixture().batchId("b-stats"));
        store(fixture().batchId("b-else").status(MessageStatus.SENT));

        JsonNode stats = get("/api/messages/stats?batchId=b-stats").body();
        JsonNode all = get("/api/messages/stats").body();

        assertThat(stats.path("batchId").asString()).isEqualTo("b-stats");
        assertThat(stats.path("total").asLong()).isEqualTo(4);
        assertThat(stats.path("byStatus").path("SENT").asLong()).isEqualTo(2);
        assertThat(stats.path("byStatus").path("FAILED").asLong()).isEqualTo(1);
        assertThat(stats.path("byStatus").path("PENDING").asLong()).isEqualTo(1);
        assertThat(stats.path("byStatus").path("SENDING").asLong()).isZero();
        assertThat(all.path("total").asLong()).isEqualTo(5);
        assertThat(all.path("byStatus").path("SENT").asLong()).isEqualTo(3);
        assertThat(get("/api/messages/stats?batchId=unknown").body().path("byStatus").path("SENT").asLong()).isZero();
    }

    // ---- protocol errors

    @Test
    void aBodyOverTheLimitIs413AndChangesNothing() {
        MessageDocument failed = store(fixture().status(MessageStatus.FAILED));
        String padding = "x".repeat(5_000);
        String oversized = "{\"status\":\"FAILED\",\"batchId\":\"" + padding + "\"}";

        Reply declared = post("/api/messages/replays", oversized);
        Reply streamed = send(HttpRequest.newBuilder(uri("/api/messages/replays"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(
                        () -> new ByteArrayInputStream(oversized.getBytes(StandardCharsets.UTF_8)))));

        assertThat(declared.status()).isEqualTo(413);
        assertThat(declared.contentType()).startsWith("application/problem+json");
        assertThat(declared.body().path("detail").asString())
                .isEqualTo("The request body is larger than the 4 KB accepted.");
        assertThat(streamed.status()).isEqualTo(413);
        assertThat(streamed.contentType()).startsWith("application/problem+json");
        assertThat(streamed.body().path("detail").asString())
                .isEqualTo("The request body is larger than the 4 KB accepted.");
        assertThat(reload(failed).status()).isEqualTo(MessageStatus.FAILED);
    }

    @Test
    void aWrongMethodIs405AndAnUnknownPathIs404() {
        Reply wrongMethod = send(HttpRequest.newBuilder(uri("/api/messages/some-id")).DELETE());
        Reply unknownPath = get("/api/nothing-here");

        assertThat(wrongMethod.status()).isEqualTo(405);
        assertThat(wrongMethod.contentType()).startsWith("application/problem+json");
        assertThat(unknownPath.status()).isEqualTo(404);
        assertThat(unknownPath.contentType()).startsWith("application/problem+json");
    }

    @Test
    void actuatorExposesHealthAndMetricsButNotTheEnvironment() {
        Reply health = get("/actuator/health");

        // Boot's store probe sends 'hello', which the embedded store lacks: the launcher switches that probe off
        assertThat(health.body().path("status").asString()).as(health.text()).isIn("UP", "DOWN");
        assertThat(get("/actuator/prometheus").status()).isEqualTo(200);
        assertThat(get("/actuator/env").status()).isEqualTo(404);
    }

    // ---- helpers

    private MessageFixture fixture() {
        return MessageFixture.message(sealer);
    }

    /** Stored as intake stores messages, search postings included. */
    private MessageDocument store(MessageFixture fixture) {
        MessageDocument message = fixture.build();
        assertThat(messageStore.insertNew(List.of(message))).hasSize(1);
        return message;
    }

    private MessageDocument reload(MessageDocument message) {
        return mongo.findOne(new Query(Criteria.where("_id").is(message.id())), MessageDocument.class);
    }

    private JsonNode search(String query) {
        StringBuilder encoded = new StringBuilder();
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            encoded.append(encoded.isEmpty() ? "" : "&").append(pair, 0, equals + 1)
                    .append(URLEncoder.encode(pair.substring(equals + 1), StandardCharsets.UTF_8));
        }
        Reply reply = get("/api/messages?" + encoded);
        assertThat(reply.status()).as(reply.text()).isEqualTo(200);
        return reply.body();
    }

    private static List<String> recipientsOf(JsonNode page) {
        List<String> recipients = new ArrayList<>();
        page.path("items").forEach(item -> recipients.add(item.path("recipient").asString()));
        return recipients;
    }

    private static List<String> guardiansOf(JsonNode page) {
        List<String> guardians = new ArrayList<>();
        page.path("items").forEach(item -> guardians.add(item.path("guardianId").asString()));
        return guardians;
    }

    private static List<String> names(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.propertyNames().forEach(names::add);
        return names;
    }
}
