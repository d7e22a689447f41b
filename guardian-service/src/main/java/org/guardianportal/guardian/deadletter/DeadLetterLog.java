package org.guardianportal.guardian.deadletter;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.guardianportal.contracts.Topics;
import org.guardianportal.guardian.deadletter.DeadLetter.Redrive;
import org.guardianportal.guardian.web.RequestRefusedException;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.http.HttpStatus;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.stereotype.Component;

/**
 * The dead letters of the district feed, for operators: every record refused to {@code guardian.updates.v1.dlt} is
 * kept in the store with its reason, listed newest first, and sent again to {@code guardian.updates.v1} on request
 * (a re-drive) once what refused it is fixed: a store that was down while retries ran out, a rule since corrected.
 * A re-driven record that is refused again comes back as a new dead letter that names the one it came from.
 */
@Component
class DeadLetterLog implements InitializingBean {

    /** Header of a re-driven record: the dead letter it was sent from. */
    static final String REDRIVEN_FROM_HEADER = "redriven-from";
    /** Header of a re-driven record: the user who sent it again. */
    static final String REDRIVEN_BY_HEADER = "redriven-by";
    private static final long SEND_WAIT_SECONDS = 10;
    private static final String DEAD_LETTERED_AT = "deadLetteredAt";
    private static final Sort NEWEST_FIRST = Sort.by(Sort.Order.desc(DEAD_LETTERED_AT), Sort.Order.desc("_id"));

    private final MongoTemplate mongo;
    private final KafkaOperations<Object, Object> kafka;
    private final Clock clock;

    DeadLetterLog(MongoTemplate mongo, KafkaOperations<Object, Object> kafka, Clock clock) {
        this.mongo = mongo;
        this.kafka = kafka;
        this.clock = clock;
    }

    @Override
    public void afterPropertiesSet() {
        mongo.indexOps(DeadLetter.class).createIndex(new Index().on(DEAD_LETTERED_AT, Sort.Direction.DESC)
                .on("_id", Sort.Direction.DESC).named("newestFirst"));
    }

    /** Keeps a dead letter as it was refused; the same record read again is kept once. */
    @KafkaListener(id = "dead-letter-log", groupId = "guardian-service-dead-letters",
            topics = Topics.GUARDIAN_UPDATES_DLT, containerFactory = DeadLetterLogKafka.CONTAINER_FACTORY,
            properties = "value.deserializer=org.apache.kafka.common.serialization.ByteArrayDeserializer")
    void keep(ConsumerRecord<String, byte[]> record) {
        Headers headers = record.headers();
        Header partition = headers.lastHeader(KafkaHeaders.DLT_ORIGINAL_PARTITION);
        Header offset = headers.lastHeader(KafkaHeaders.DLT_ORIGINAL_OFFSET);
        DeadLetter letter = new DeadLetter(record.partition() + "-" + record.offset(), record.key(), record.value(),
                text(headers.lastHeader(Topics.DLT_REASON_HEADER)),
                partition == null ? null : ByteBuffer.wrap(partition.value()).getInt(),
                offset == null ? null : ByteBuffer.wrap(offset.value()).getLong(),
                Instant.ofEpochMilli(record.timestamp()), text(headers.lastHeader(REDRIVEN_FROM_HEADER)), List.of());
        try {
            mongo.insert(letter);
        } catch (DuplicateKeyException keptBefore) {
            // read again after a restart or a rebalance: already kept
        }
    }

    private static String text(Header header) {
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    /** A page of the dead letters, newest first, and how many there are. */
    Page page(int page, int size) {
        Query all = new Query().with(NEWEST_FIRST).skip((long) page * size).limit(size);
        return new Page(mongo.find(all, DeadLetter.class), mongo.count(new Query(), DeadLetter.class));
    }

    record Page(List<DeadLetter> items, long total) {
    }

    DeadLetter get(String id) {
        DeadLetter letter = mongo.findById(id, DeadLetter.class);
        if (letter == null) {
            throw new DeadLetterNotFoundException(id);
        }
        return letter;
    }

    /**
     * Sends the dead letter's key and bytes again to {@code guardian.updates.v1}, naming it and the user in headers,
     * and records the re-drive once Kafka has the record. If Kafka does not take it, nothing is recorded.
     */
    DeadLetter redrive(String id, String user) {
        DeadLetter letter = get(id);
        RecordHeaders headers = new RecordHeaders();
        headers.add(new RecordHeader(REDRIVEN_FROM_HEADER, id.getBytes(StandardCharsets.UTF_8)));
        headers.add(new RecordHeader(REDRIVEN_BY_HEADER, user.getBytes(StandardCharsets.UTF_8)));
        try {
            kafka.send(new ProducerRecord<>(Topics.GUARDIAN_UPDATES, null, letter.key(), letter.payload(), headers))
                    .get(SEND_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw notSent();
        } catch (ExecutionException | TimeoutException e) {
            throw notSent();
        }
        mongo.updateFirst(new Query(where("_id").is(id)),
                new Update().push("redrives", new Redrive(user, clock.instant())), DeadLetter.class);
        return get(id);
    }

    private static RequestRefusedException notSent() {
        return new RequestRefusedException(HttpStatus.SERVICE_UNAVAILABLE,
                "Kafka did not take the record in " + SEND_WAIT_SECONDS + " s; it was not re-driven. Try again in a"
                        + " moment.");
    }
}
