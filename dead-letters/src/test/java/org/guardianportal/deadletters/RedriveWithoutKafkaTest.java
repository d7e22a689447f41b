package org.guardianportal.deadletters;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.producer.ProducerConfig;
import org.guardianportal.deadletters.DeadLetterLog.KafkaUnavailableException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;

/**
 * A re-drive Kafka does not take changes nothing: against a real store (mongo-java-server through the driver) and a
 * producer whose broker is not there, as when Kafka is down.
 */
class RedriveWithoutKafkaTest {

    private static final String TOPIC = "guardian.updates.v1";

    private MongoServer server;
    private MongoClient client;
    private MongoTemplate mongo;
    private DeadLetterLog log;

    @BeforeEach
    void startTheStoreWithoutABroker() {
        server = new MongoServer(new MemoryBackend());
        InetSocketAddress address = server.bind();
        client = MongoClients.create("mongodb://127.0.0.1:" + address.getPort());
        mongo = new MongoTemplate(client, "deadletters");
        DefaultKafkaProducerFactory<Object, Object> nowhere = new DefaultKafkaProducerFactory<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:1",
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 300));
        log = new DeadLetterLog(new DeadLetterSettings(List.of(TOPIC), List.of(), Duration.ofDays(90)), mongo, nowhere,
                Clock.systemUTC());
        log.afterPropertiesSet();
        for (int offset = 1; offset <= 3; offset++) {
            mongo.insert(new DeadLetter(DeadLetter.id(TOPIC, "0-" + offset), TOPIC, "E-" + offset,
                    "{}".getBytes(StandardCharsets.UTF_8), "the record could not be applied: Timed out", null, 0,
                    (long) offset, Instant.now().minusSeconds(60), null, List.of()));
        }
    }

    @AfterEach
    void stop() {
        log.destroy();
        client.close();
        server.shutdownNow();
    }

    @Test
    void aRedriveKafkaDoesNotTakeIsRefusedAndNotRecorded() {
        assertThatThrownBy(() -> log.redrive(TOPIC, "0-1", "operateur.lyon"))
                .isInstanceOf(KafkaUnavailableException.class)
                .hasMessageContaining("it was not re-driven");

        assertThat(log.get(TOPIC, "0-1").redrives()).isEmpty();
    }

    @Test
    void aBulkRedriveKafkaDoesNotTakeSaysSoAndRecordsNothing() {
        assertThatThrownBy(() -> log.redriveAll(TOPIC, null, null, "operateur.lyon"))
                .isInstanceOf(KafkaUnavailableException.class)
                .hasMessageContaining("0 were re-driven");

        assertThat(log.page(TOPIC, false, 0, 10).total()).as("all still waiting").isEqualTo(3);
    }
}
