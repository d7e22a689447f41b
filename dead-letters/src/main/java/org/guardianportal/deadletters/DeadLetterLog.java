package org.guardianportal.deadletters;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.guardianportal.contracts.Topics;
import org.guardianportal.deadletters.DeadLetter.Redrive;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.kafka.support.SendResult;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * The dead letters of this service's listeners, for operators: every record refused to {@code <topic>.dlt} is kept in
 * the service's store with its reason, listed newest first, and sent again to its topic on request (a re-drive) once
 * what refused it is fixed: a store that stayed down while the retries ran out, a rule since corrected. A re-driven
 * record that is refused again comes back as a new dead letter that names the one it came from. Dead letters are kept
 * for {@code dead-letters.retention} after they were refused (90 days unless said), then removed.
 */
public class DeadLetterLog implements InitializingBean, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(DeadLetterLog.class);

    /** Header of a re-driven record: the dead letter it was sent from. */
    static final String REDRIVEN_FROM_HEADER = "redriven-from";
    /** Header of a re-driven record: the user who sent it again. */
    static final String REDRIVEN_BY_HEADER = "redriven-by";
    private static final long SEND_WAIT_SECONDS = 10;
    private static final String TOPIC = "topic";
    private static final String DEAD_LETTERED_AT = "deadLetteredAt";
    private static final String REDRIVES = "redrives";
    private static final Sort NEWEST_FIRST = Sort.by(Sort.Order.desc(DEAD_LETTERED_AT), Sort.Order.desc("_id"));
    private static final Sort OLDEST_FIRST = Sort.by(DEAD_LETTERED_AT, "_id");
    /** Dead letters re-driven together by {@link #redriveAll}. */
    private static final int CHUNK = 500;

    private final DeadLetterSettings settings;
    private final MongoTemplate mongo;
    private final DefaultKafkaProducerFactory<String, byte[]> producers;
    private final KafkaTemplate<String, byte[]> kafka;
    private final Clock clock;

    /** Re-drives go out as the bytes that came, through a producer configured as the service's own. */
    DeadLetterLog(DeadLetterSettings settings, MongoTemplate mongo, ProducerFactory<?, ?> serviceProducers,
            Clock clock) {
        this.settings = settings;
        this.mongo = mongo;
        this.producers = new DefaultKafkaProducerFactory<>(serviceProducers.getConfigurationProperties(),
                new StringSerializer(), new ByteArraySerializer());
        this.kafka = new KafkaTemplate<>(producers);
        this.kafka.setObservationEnabled(true);
        this.clock = clock;
    }

    @Override
    public void afterPropertiesSet() {
        mongo.indexOps(DeadLetter.class).createIndex(new Index().on(TOPIC, Sort.Direction.ASC)
                .on(DEAD_LETTERED_AT, Sort.Direction.DESC).on("_id", Sort.Direction.DESC).named("topic_newestFirst"));
    }

    @Override
    public void destroy() {
        producers.destroy();
    }

    /** The dead-letter topics read, for the listener. */
    public String[] deadLetterTopics() {
        return settings.topics().stream().map(topic -> topic + Topics.DLT_SUFFIX).toArray(String[]::new);
    }

    /** Keeps a dead letter as it was refused; the same record read again is kept once. */
    @KafkaListener(id = "dead-letter-log", groupId = "${spring.application.name}-dead-letters",
            topics = "#{__listener.deadLetterTopics()}", containerFactory = DeadLetterAutoConfiguration.CONTAINER_FACTORY,
            properties = "value.deserializer=org.apache.kafka.common.serialization.ByteArrayDeserializer")
    public void keep(ConsumerRecord<String, byte[]> record) {
        String topic = record.topic().substring(0, record.topic().length() - Topics.DLT_SUFFIX.length());
        Headers headers = record.headers();
        Header partition = headers.lastHeader(KafkaHeaders.DLT_ORIGINAL_PARTITION);
        Header offset = headers.lastHeader(KafkaHeaders.DLT_ORIGINAL_OFFSET);
        DeadLetter letter = new DeadLetter(DeadLetter.id(topic, record.partition() + "-" + record.offset()), topic,
                record.key(), record.value(), text(headers.lastHeader(Topics.DLT_REASON_HEADER)),
                text(headers.lastHeader(Topics.DLT_REASON_KEY_HEADER)),
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

    /**
     * A page of one topic's dead letters, newest first, and how many there are: all, or only those re-driven
     * ({@code redriven} true) or never re-driven (false).
     */
    Page page(String topic, Boolean redriven, int page, int size) {
        Criteria ofTopic = where(TOPIC).is(known(topic));
        if (redriven != null) {
            ofTopic.and(REDRIVES + ".0").exists(redriven);
        }
        List<DeadLetter> items = mongo.find(new Query(ofTopic).with(NEWEST_FIRST).skip((long) page * size).limit(size),
                DeadLetter.class);
        return new Page(items, mongo.count(new Query(ofTopic), DeadLetter.class));
    }

    record Page(List<DeadLetter> items, long total) {
    }

    DeadLetter get(String topic, String position) {
        DeadLetter letter = mongo.findById(DeadLetter.id(known(topic), position), DeadLetter.class);
        if (letter == null) {
            throw new DeadLetterNotFoundException("letter.notFound", topic, position);
        }
        return letter;
    }

    private String known(String topic) {
        if (!settings.topics().contains(topic)) {
            throw new DeadLetterNotFoundException("topic.notKept", topic);
        }
        return topic;
    }

    /**
     * Sends the dead letter's key and bytes again to its topic, naming it and the user in headers, and records the
     * re-drive once Kafka has the record. If Kafka does not take it, nothing is recorded.
     */
    DeadLetter redrive(String topic, String position, String user) {
        DeadLetter letter = get(topic, position);
        if (!taken(send(again(letter, user)))) {
            throw new KafkaUnavailableException("kafka.notTaken", SEND_WAIT_SECONDS);
        }
        recordRedrives(List.of(letter.id()), user);
        return get(topic, position);
    }

    /**
     * Re-drives, oldest first, every dead letter of the topic that was never re-driven and was refused before now
     * (and in {@code [from, to)} when given): a chunk at a time, each chunk's records sent together and the re-drive
     * recorded on those Kafka took. A record refused again meanwhile is a new dead letter, left for another request.
     *
     * @return how many were re-driven
     * @throws KafkaUnavailableException once Kafka does not take a record: those it took before are recorded
     */
    long redriveAll(String topic, Instant from, Instant to, String user) {
        Instant now = clock.instant();
        Criteria waiting = where(TOPIC).is(known(topic)).and(REDRIVES).size(0);
        Criteria period = waiting.and(DEAD_LETTERED_AT).lt(to == null || to.isAfter(now) ? now : to);
        if (from != null) {
            period.gte(from);
        }
        long redriven = 0;
        while (true) {
            List<DeadLetter> chunk = mongo.find(new Query(waiting).with(OLDEST_FIRST).limit(CHUNK), DeadLetter.class);
            if (chunk.isEmpty()) {
                return redriven;
            }
            List<CompletableFuture<SendResult<String, byte[]>>> sends = chunk.stream()
                    .map(letter -> send(again(letter, user))).toList();
            List<String> sent = new ArrayList<>();
            for (int i = 0; i < chunk.size(); i++) {
                if (taken(sends.get(i))) {
                    sent.add(chunk.get(i).id());
                }
            }
            long recorded = recordRedrives(sent, user);
            redriven += recorded;
            if (recorded == 0 && sent.size() == chunk.size()) {
                return redriven; // nothing could be marked: stop rather than send the same records again
            }
            if (sent.size() < chunk.size()) {
                throw new KafkaUnavailableException("kafka.notAllTaken", SEND_WAIT_SECONDS, redriven);
            }
        }
    }

    /**
     * Every hour, the dead letters refused longer ago than the retention are removed: a feed that keeps sending broken
     * records does not fill the store for good. A store that does not answer is tried again at the next hour.
     */
    @Scheduled(initialDelayString = "PT1M", fixedDelayString = "PT1H")
    void removeExpiredQuietly() {
        try {
            removeExpired();
        } catch (RuntimeException e) {
            log.warn("Expired dead letters not removed, the next hour tries again: {}", e.getMessage());
        }
    }

    /** @return how many dead letters refused before now minus the retention were removed (none when it is zero) */
    long removeExpired() {
        if (settings.retention().isZero()) {
            return 0;
        }
        Instant before = clock.instant().minus(settings.retention());
        long removed = mongo.remove(new Query(where(DEAD_LETTERED_AT).lt(before)), DeadLetter.class).getDeletedCount();
        if (removed > 0) {
            log.info("Removed {} dead letters refused before {} (dead-letters.retention: {})", removed, before,
                    settings.retention());
        }
        return removed;
    }

    private static ProducerRecord<String, byte[]> again(DeadLetter letter, String user) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(new RecordHeader(REDRIVEN_FROM_HEADER, letter.position().getBytes(StandardCharsets.UTF_8)));
        headers.add(new RecordHeader(REDRIVEN_BY_HEADER, user.getBytes(StandardCharsets.UTF_8)));
        return new ProducerRecord<>(letter.topic(), null, letter.key(), letter.payload(), headers);
    }

    /** The send; a producer that refuses at once (closed, no metadata in time) gives a failed one. */
    private CompletableFuture<SendResult<String, byte[]>> send(ProducerRecord<String, byte[]> record) {
        try {
            return kafka.send(record);
        } catch (RuntimeException refused) {
            return CompletableFuture.failedFuture(refused);
        }
    }

    /** Whether Kafka acknowledged the record in time. */
    private static boolean taken(CompletableFuture<SendResult<String, byte[]>> send) {
        try {
            send.get(SEND_WAIT_SECONDS, TimeUnit.SECONDS);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException | TimeoutException e) {
            return false;
        }
    }

    private long recordRedrives(List<String> ids, String user) {
        if (ids.isEmpty()) {
            return 0;
        }
        return mongo.updateMulti(new Query(where("_id").in(ids)),
                new Update().push(REDRIVES, new Redrive(user, clock.instant())), DeadLetter.class).getModifiedCount();
    }

    /** Kafka did not take a re-driven record in time. */
    static class KafkaUnavailableException extends DeadLetterRefusal {

        KafkaUnavailableException(String code, Object... values) {
            super(code, values);
        }
    }
}
