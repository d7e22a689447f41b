package org.guardianportal.notification.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.util.StreamProvider;

import org.guardianportal.contracts.CredentialIssued;
import org.guardianportal.contracts.MessageStatus;
import org.guardianportal.notification.MessageFixture;
import org.guardianportal.notification.NotificationSettings;
import org.guardianportal.notification.NotificationServiceTest;
import org.guardianportal.notification.TestSmtp;
import org.guardianportal.notification.message.DeliveryQueue;
import org.guardianportal.notification.message.MessageDocument;
import org.guardianportal.notification.message.MessageStore;
import org.guardianportal.notification.message.MessageVersion;
import org.guardianportal.notification.message.StatusEvents;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.mail.javamail.JavaMailSender;
import tools.jackson.databind.JsonNode;

@ExtendWith(OutputCaptureExtension.class)
class DeliveryTest extends NotificationServiceTest {

    /** Test clock of the racing runs: far after {@link MessageFixture#NEVER}, so only they find those messages due. */
    private static final Instant RACE_TIME = Instant.parse("2200-01-01T00:00:00Z");

    @Autowired
    private MessageStore store;
    @Autowired
    private DeliveryQueue queue;
    @Autowired
    private StatusEvents statusEvents;
    @Autowired
    private MailDispatcher dispatcher;
    @Autowired
    private RetryPolicy retryPolicy;
    @Autowired
    private DeliverySettings settings;
    @Autowired
    private JavaMailSender mailSender;
    @Autowired
    private NotificationSettings notificationSettings;

    @Test
    void anIssuedPasswordIsMailedInFrenchAfterTheDeliveryWindow(CapturedOutput log) throws Exception {
        String recipient = "famille-" + UUID.randomUUID() + "@example.org";
        CredentialIssued issued = issued("g-" + UUID.randomUUID(), "batch-fr", recipient, "fr", "Lu7mK9qPz3Xc");

        publish(issued);

        MessageDocument sent = awaitStatus(issued.guardianId(), MessageStatus.SENT);
        assertThat(sent.attempts()).isEqualTo(1);
        assertThat(sent.sentAt()).isAfterOrEqualTo(sent.scheduledFor());
        MimeMessage mail = onlyMailTo(recipient);
        assertThat(mail.getSubject()).contains("mot de passe").isEqualTo("Votre mot de passe Portail Famille");
        assertThat(mail.getFrom()[0].toString()).contains("no-reply@portail-famille.local");
        assertThat(text(mail)).contains("Bonjour Amélie Lefèvre", "Identifiant : " + recipient,
                "Mot de passe temporaire : Lu7mK9qPz3Xc", "https://portail.example.org/", "15 juillet 2030",
                "changer lors de votre première connexion");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(statusEventsOf(sent.id()))
                .extracting(event -> event.path("status").asString())
                .containsExactly("PENDING", "SENDING", "SENT"));
        // the outcome's event was on Kafka before the outcome was stored: no outbox mark to clear
        assertThat(sent.pendingEvent()).isNull();
        assertThat(log.getAll()).contains("Delivery chunk of").doesNotContain("Lu7mK9qPz3Xc");
    }

    @Test
    void mailsAreWrittenWithTheStreamProviderNamedRatherThanSearchedForInEveryJar() throws Exception {
        // named by this context's dispatcher; Jakarta Mail reads the property before any ServiceLoader scan
        String named = System.getProperty(MailDispatcher.STREAM_PROVIDER_PROPERTY);

        assertThat(named).isEqualTo("org.eclipse.angus.mail.util.MailStreamProvider");
        assertThat(StreamProvider.class.isAssignableFrom(Class.forName(named))).isTrue();
    }

    @Test
    void anEnglishSpeakingGuardianGetsTheEnglishMail() throws Exception {
        String recipient = "family-" + UUID.randomUUID() + "@example.org";
        CredentialIssued issued = issued("g-" + UUID.randomUUID(), "batch-en", recipient, "en", "En9glish7Pw");

        publish(issued);

        awaitStatus(issued.guardianId(), MessageStatus.SENT);
        MimeMessage mail = onlyMailTo(recipient);
        assertThat(mail.getSubject()).isEqualTo("Your Family Portal password");
        assertThat(text(mail)).contains("Hello Amélie Lefèvre", "Login: " + recipient,
                "Temporary password: En9glish7Pw", "valid until 15 July 2030");
    }

    @Test
    void aWholeBatchIsDeliveredChunkByChunk() {
        String batchId = "batch-many-" + UUID.randomUUID();
        List<String> recipients = new ArrayList<>();
        List<CompletableFuture<?>> sends = new ArrayList<>();
        for (int i = 0; i < 240; i++) {
            String recipient = "many-" + i + "-" + UUID.randomUUID() + "@example.org";
            recipients.add(recipient);
            CredentialIssued issued = issued("g-" + UUID.randomUUID(), batchId, recipient, "fr", "Many9Pass" + i);
            sends.add(kafka.send(org.guardianportal.contracts.Topics.CREDENTIAL_ISSUED, issued.guardianId(), issued));
        }
        CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new)).join();

        await().atMost(Duration.ofSeconds(30)).until(() -> countInBatch(batchId, MessageStatus.SENT) == 240);
        assertThat(recipients).allSatisfy(recipient -> assertThat(TestSmtp.mailsTo(recipient)).hasSize(1));
    }

    @Test
    void aChunkSharedOverSeveralConnectionsIsDeliveredWholeAndAnOutageFailsEveryPart() throws Exception {
        DeliverySettings threeConnections = new DeliverySettings(true, settings.window(), settings.pollInterval(),
                settings.claimSize(), 3, settings.pipelines(), settings.lease(), settings.maxAttempts(),
                settings.retry());
        MailDispatcher dispatcher = new MailDispatcher(mailSender, sealer, notificationSettings, threeConnections);
        try {
            List<MessageDocument> chunk = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                chunk.add(MessageFixture.message(sealer).password("Part9Pass" + i).build());
            }

            assertThat(dispatcher.send(chunk)).isEmpty();
            assertThat(chunk).allSatisfy(message -> assertThat(TestSmtp.mailsTo(message.recipient())).hasSize(1));

            TestSmtp.stop();
            try {
                assertThat(dispatcher.send(chunk)).hasSize(20)
                        .allSatisfy((id, error) -> assertThat(error).containsIgnoringCase("connect"));
            } finally {
                TestSmtp.restart();
            }
        } finally {
            dispatcher.destroy();
        }
    }

    @Test
    void anSmtpOutageIsRetriedWithGrowingWaitsThenFailedAndAReplaySendsItOnceTheServerIsBack() throws Exception {
        String recipient = "outage-" + UUID.randomUUID() + "@example.org";
        CredentialIssued issued = issued("g-" + UUID.randomUUID(), "batch-outage", recipient, "fr", "Out4ge9Pass");
        TestSmtp.stop();
        MessageDocument failed;
        try {
            publish(issued);
            failed = awaitStatus(issued.guardianId(), MessageStatus.FAILED);
        } finally {
            TestSmtp.restart();
        }
        assertThat(failed.attempts()).isEqualTo(3);
        assertThat(failed.lastError()).containsIgnoringCase("connect");
        assertThat(failed.lastError()).doesNotContain("Out4ge9Pass");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(statusEventsOf(failed.id()))
                .extracting(event -> event.path("status").asString() + "/" + event.path("attempts").asInt())
                .containsExactly("PENDING/0", "SENDING/0", "PENDING/1", "SENDING/1", "PENDING/2", "SENDING/2",
                        "FAILED/3"));
        // the waits grow: 200 ms after the first failure, 400 ms after the second
        List<JsonNode> events = statusEventsOf(failed.id());
        assertThat(gap(events.get(2), events.get(3))).isGreaterThanOrEqualTo(Duration.ofMillis(200));
        assertThat(gap(events.get(4), events.get(5))).isGreaterThanOrEqualTo(Duration.ofMillis(400));
        assertThat(TestSmtp.mailsTo(recipient)).isEmpty();

        Reply replay = post("/api/messages/" + failed.id() + "/replay", null);

        assertThat(replay.status()).isEqualTo(202);
        assertThat(replay.body().path("status").asString()).isEqualTo("PENDING");
        assertThat(replay.body().path("attempts").asInt()).isZero();
        MessageDocument sent = awaitStatus(issued.guardianId(), MessageStatus.SENT);
        assertThat(sent.attempts()).isEqualTo(1);
        assertThat(text(onlyMailTo(recipient))).contains("Out4ge9Pass");
    }

    @Test
    void twoDeliveryRunsRacingNeverSendAMessageTwice() throws Exception {
        List<MessageDocument> messages = queuedForTheRaceTime("race", 150);
        DeliveryRun first = runAt(RACE_TIME, settings);
        DeliveryRun second = runAt(RACE_TIME, settings);

        List<Integer> sentByEach = race(first::deliverDue, second::deliverDue);

        assertThat(sentByEach.get(0) + sentByEach.get(1)).isEqualTo(150);
        assertEachMailedOnceAndSent(messages);
    }

    @Test
    void thePipelinesOfOneRunShareTheDueMessagesAndSendEachOnce() throws Exception {
        List<MessageDocument> messages = queuedForTheRaceTime("pipe", 200);
        DeliveryRun run = runAt(RACE_TIME, withPipelines(3));
        try {
            // at least: a message another test left leased is due at that time too
            assertThat(run.deliverDue()).isGreaterThanOrEqualTo(200);
        } finally {
            run.destroy();
        }
        assertEachMailedOnceAndSent(messages);
    }

    /** Most polls find nothing due: then the run asks the queue once, not once per pipeline. */
    @Test
    void aRunWithNothingDueLooksOnceWhateverItsPipelines() throws Exception {
        Instant beforeAnythingIsDue = Instant.parse("1999-12-31T00:00:00Z");
        STORE.countCommandsMentioning("deliveryQueue", beforeAnythingIsDue.toString());
        DeliveryRun idle = runAt(beforeAnythingIsDue, withPipelines(3));
        try {
            assertThat(idle.deliverDue()).isZero();
            assertThat(STORE.counted()).isEqualTo(1);
        } finally {
            STORE.restore();
            idle.destroy();
        }
    }

    @Test
    void aClaimTheStoreCutsShortSendsNothingOfItsChunkAndTheChunkIsSentOnceItsLeaseIsOver() throws Exception {
        List<MessageDocument> messages = queuedForTheRaceTime("claim-cut", 120);
        MessageDocument cut = messages.get(60);
        // the claim of its chunk: the write that makes it SENDING with this claim's token
        runCutShortFromCommandMentioning(cut.id(), "SENDING", "claimToken");
        assertThat(TestSmtp.mailsTo(cut.recipient())).isEmpty();
        assertThat(mongo.findById(cut.id(), MessageDocument.class).status()).isEqualTo(MessageStatus.PENDING);

        deliverAfterTheLeaseAndAssertEachSent(messages);
        assertThat(TestSmtp.mailsTo(cut.recipient())).hasSize(1);
    }

    @Test
    void aChunkWhoseRecordingTheStoreLosesIsSentAgainOnceItsLeaseIsOverAndNoMessageIsLost() throws Exception {
        List<MessageDocument> messages = queuedForTheRaceTime("cut", 150);
        MessageDocument lost = messages.get(75);
        // the first command naming it as SENT is the recording of its chunk, after the chunk was mailed
        runCutShortFromCommandMentioning(lost.id(), "SENT");
        assertThat(TestSmtp.mailsTo(lost.recipient())).hasSize(1);
        assertThat(mongo.findById(lost.id(), MessageDocument.class).status()).isEqualTo(MessageStatus.SENDING);

        deliverAfterTheLeaseAndAssertEachSent(messages);
        // sent, not recorded, so sent again: at least once, never lost
        assertThat(TestSmtp.mailsTo(lost.recipient())).hasSize(2);
        // its SENT event went out before the recording failed; the claim after the lease has that event's version,
        // so its SENDING event repeats the SENT event's id, and a consumer that drops duplicates sees SENT twice
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(statusEventsOf(lost.id()))
                .extracting(event -> event.path("status").asString())
                .containsExactly("SENDING", "SENT", "SENT"));
    }

    @Test
    void aReplayOfABatchLongerThanAChunkQueuesAndSendsEachMessageOnce() {
        List<MessageDocument> messages = new ArrayList<>();
        for (int i = 0; i < 1_100; i++) {
            messages.add(MessageFixture.message(sealer).recipient("again-" + i + "-" + UUID.randomUUID() + "@example.org")
                    .batchId("batch-again").status(MessageStatus.SENT).attempts(1).build());
        }
        store.insertNew(messages); // as intake stores them: a replay of a batch reads its search chain

        Reply reply = post("/api/messages/replays", "{\"status\":\"SENT\",\"batchId\":\"batch-again\"}");

        assertThat(reply.body().path("requeued").asLong()).isEqualTo(1_100);
        await().atMost(Duration.ofSeconds(60)).until(() -> countInBatch("batch-again", MessageStatus.SENT) == 1_100);
        assertThat(messages).allSatisfy(message -> {
            assertThat(TestSmtp.mailsTo(message.recipient())).hasSize(1);
            // SENT, then PENDING, SENDING and SENT again: one replay, one delivery
            assertThat(mongo.findById(message.id(), MessageDocument.class).statusVersion()).isEqualTo(4);
        });
    }

    @Test
    void twoClaimsOnTheSameMessagesShareThemWithoutOverlap() throws Exception {
        List<MessageDocument> messages = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            messages.add(MessageFixture.message(sealer).batchId("batch-claims").build());
        }
        mongo.insertAll(messages);
        List<String> ids = messages.stream().map(MessageDocument::id).toList();
        // both find the same messages due, then race to claim them
        List<MessageVersion> found = messages.stream().map(MessageVersion::of).toList();

        List<List<String>> claimed = race(() -> claimedIds(found), () -> claimedIds(found));

        Set<String> overlap = new HashSet<>(claimed.get(0));
        overlap.retainAll(claimed.get(1));
        assertThat(overlap).isEmpty();
        Set<String> all = new HashSet<>(claimed.get(0));
        all.addAll(claimed.get(1));
        assertThat(all).containsExactlyInAnyOrderElementsOf(ids);
    }

    @Test
    void aMessageLeftSendingByACrashedInstanceIsDeliveredOnceItsLeaseExpires() throws Exception {
        MessageDocument stuck = MessageFixture.message(sealer).password("Cr4shed9Pass")
                .leasedUntil(Instant.now().minusSeconds(1)).build();
        mongo.insert(stuck);
        queue.schedule(Map.of(stuck.id(), stuck.leaseUntil()));

        await().atMost(Duration.ofSeconds(10)).until(() ->
                mongo.findById(stuck.id(), MessageDocument.class).status() == MessageStatus.SENT);
        assertThat(text(onlyMailTo(stuck.recipient()))).contains("Cr4shed9Pass");
        assertThat(mongo.findById(stuck.id(), MessageDocument.class).claimToken()).isNull();
    }

    @Test
    void aMessageStillLeasedIsLeftToTheInstanceHoldingIt() {
        MessageDocument held = MessageFixture.message(sealer).leasedUntil(Instant.now().plusSeconds(3600)).build();
        mongo.insert(held);
        queue.schedule(Map.of(held.id(), held.leaseUntil()));

        await().during(Duration.ofMillis(600)).atMost(Duration.ofSeconds(2)).until(() ->
                mongo.findById(held.id(), MessageDocument.class).status() == MessageStatus.SENDING);
        assertThat(TestSmtp.mailsTo(held.recipient())).isEmpty();
    }

    /** Messages stored and queued as intake leaves them, due only for runs on the race clock (or later). */
    private List<MessageDocument> queuedForTheRaceTime(String name, int count) {
        List<MessageDocument> messages = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            messages.add(MessageFixture.message(sealer).recipient(name + "-" + i + "-" + UUID.randomUUID() + "@example.org")
                    .batchId("batch-" + name).build());
        }
        mongo.insertAll(messages);
        queue.schedule(messages.stream().collect(Collectors.toMap(MessageDocument::id, MessageDocument::scheduledFor)));
        return messages;
    }

    /** A run on the race clock that the store cuts off at the first command mentioning all of {@code texts}. */
    private void runCutShortFromCommandMentioning(String... texts) throws Exception {
        STORE.cutFromCommandMentioning(texts);
        DeliveryRun cutShort = runAt(RACE_TIME, settings);
        try {
            assertThatThrownBy(cutShort::deliverDue).isInstanceOf(DataAccessResourceFailureException.class);
            assertThat(STORE.isCut()).isTrue();
        } finally {
            STORE.restore();
            cutShort.destroy();
        }
    }

    /** A run once the leases of the race clock's claims are over; then every message is SENT and was mailed. */
    private void deliverAfterTheLeaseAndAssertEachSent(List<MessageDocument> messages) throws Exception {
        DeliveryRun afterTheLease = runAt(RACE_TIME.plus(settings.lease()).plusSeconds(1), settings);
        try {
            afterTheLease.deliverDue();
        } finally {
            afterTheLease.destroy();
        }
        assertThat(messages).allSatisfy(message -> {
            assertThat(mongo.findById(message.id(), MessageDocument.class).status()).isEqualTo(MessageStatus.SENT);
            assertThat(TestSmtp.mailsTo(message.recipient())).isNotEmpty();
        });
    }

    private DeliverySettings withPipelines(int pipelines) {
        return new DeliverySettings(true, settings.window(), settings.pollInterval(), settings.claimSize(),
                settings.connections(), pipelines, settings.lease(), settings.maxAttempts(), settings.retry());
    }

    /** A delivery run of its own, whose clock stands at {@code at}. */
    private DeliveryRun runAt(Instant at, DeliverySettings with) {
        return new DeliveryRun(store, queue, statusEvents, dispatcher, retryPolicy, with, Clock.fixed(at, ZoneOffset.UTC));
    }

    private void assertEachMailedOnceAndSent(List<MessageDocument> messages) {
        assertThat(messages).allSatisfy(message -> {
            assertThat(TestSmtp.mailsTo(message.recipient())).hasSize(1);
            assertThat(mongo.findById(message.id(), MessageDocument.class).status()).isEqualTo(MessageStatus.SENT);
        });
    }

    private List<String> claimedIds(List<MessageVersion> found) {
        return store.claim(found, RACE_TIME, Duration.ofMinutes(5)).messages().stream().map(MessageDocument::id)
                .toList();
    }

    /** Runs both tasks at the same moment on two threads and returns their results. */
    private static <T> List<T> race(java.util.concurrent.Callable<T> one, java.util.concurrent.Callable<T> other)
            throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            CountDownLatch start = new CountDownLatch(1);
            Future<T> first = threads.submit(() -> {
                start.await();
                return one.call();
            });
            Future<T> second = threads.submit(() -> {
                start.await();
                return other.call();
            });
            start.countDown();
            return List.of(first.get(), second.get());
        } finally {
            threads.shutdownNow();
        }
    }

    private MessageDocument awaitStatus(String guardianId, MessageStatus status) {
        return await().atMost(Duration.ofSeconds(20))
                .until(() -> mongo.findOne(new Query(Criteria.where("guardianId").is(guardianId)),
                        MessageDocument.class), message -> message != null && message.status() == status);
    }

    private long countInBatch(String batchId, MessageStatus status) {
        return mongo.count(new Query(Criteria.where("batchId").is(batchId).and("status").is(status.name())),
                MessageDocument.class);
    }

    private static MimeMessage onlyMailTo(String recipient) {
        List<MimeMessage> mails = await().atMost(Duration.ofSeconds(5))
                .until(() -> TestSmtp.mailsTo(recipient), list -> !list.isEmpty());
        assertThat(mails).hasSize(1);
        return mails.get(0);
    }

    private static String text(MimeMessage mail) throws MessagingException, IOException {
        return (String) mail.getContent();
    }

    private static Duration gap(JsonNode earlier, JsonNode later) {
        return Duration.between(Instant.parse(earlier.path("occurredAt").asString()),
                Instant.parse(later.path("occurredAt").asString()));
    }
}
