package org.guardianportal.deadletters;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.producer.ProducerConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;

/** Dead letters are removed once older than the retention, against a real store (mongo-java-server, the driver). */
class DeadLetterRetentionTest {

    private static final String TOPIC = "guardian.updates.v1";
    private static final String OTHER_TOPIC = "guardian.email-updated.v1";
    private static final Instant NOW = Instant.parse("2026-11-29T09:00:00Z");

    private MongoServer server;
    private MongoClient client;
    private MongoTemplate mongo;
    private DefaultKafkaProducerFactory<Object, Object> producers;

    @BeforeEach
    void startTheStore() {
        server = new MongoServer(new MemoryBackend());
        InetSocketAddress address = server.bind();
        client = MongoClients.create("mongodb://127.0.0.1:" + address.getPort());
        mongo = new MongoTemplate(client, "deadletters");
        producers = new DefaultKafkaProducerFactory<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:1"));
    }

    @AfterEach
    void stop() {
        client.close();
        server.shutdownNow();
    }

    @Test
    void lettersRefusedLongerAgoThanTheRetentionAreRemovedInEveryTopicAndNoOther() {
        DeadLetterLog log = logKeeping(Duration.ofDays(90));
        keep(TOPIC, "0-1", NOW.minus(Duration.ofDays(200)));
        keep(TOPIC, "0-2", NOW.minus(Duration.ofDays(90)).minusSeconds(1));
        keep(TOPIC, "0-3", NOW.minus(Duration.ofDays(90)).plusSeconds(1));
        keep(TOPIC, "0-4", NOW.minus(Duration.ofMinutes(5)));
        keep(OTHER_TOPIC, "1-1", NOW.minus(Duration.ofDays(91)));
        keep(OTHER_TOPIC, "1-2", NOW.minus(Duration.ofDays(1)));

        assertThat(log.removeExpired()).isEqualTo(3);

        assertThat(positions(log, TOPIC)).containsExactly("0-4", "0-3");
        assertThat(positions(log, OTHER_TOPIC)).containsExactly("1-2");
        assertThat(log.removeExpired()).as("nothing more to remove").isZero();
        log.destroy();
    }

    @Test
    void aRetentionOfZeroKeepsEveryLetter() {
        DeadLetterLog log = logKeeping(Duration.ZERO);
        keep(TOPIC, "0-1", NOW.minus(Duration.ofDays(3_650)));

        assertThat(log.removeExpired()).isZero();

        assertThat(positions(log, TOPIC)).containsExactly("0-1");
        log.destroy();
    }

    @Test
    void aNegativeRetentionIsRefusedAtStart() {
        assertThatThrownBy(() -> new DeadLetterSettings(List.of(TOPIC), List.of(), Duration.ofDays(-1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("dead-letters.retention");
    }

    private DeadLetterLog logKeeping(Duration retention) {
        DeadLetterLog log = new DeadLetterLog(new DeadLetterSettings(List.of(TOPIC, OTHER_TOPIC), List.of(), retention),
                mongo, producers, Clock.fixed(NOW, ZoneOffset.UTC));
        log.afterPropertiesSet();
        return log;
    }

    private void keep(String topic, String position, Instant refusedAt) {
        mongo.insert(new DeadLetter(DeadLetter.id(topic, position), topic, "E-" + position,
                "{}".getBytes(StandardCharsets.UTF_8), "invalid email 'x@@y'", null, 0, 1L, refusedAt, null,
                List.of()));
    }

    private static List<String> positions(DeadLetterLog log, String topic) {
        return log.page(topic, null, 0, 50).items().stream().map(DeadLetter::position).toList();
    }
}
