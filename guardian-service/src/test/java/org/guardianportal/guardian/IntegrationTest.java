package org.guardianportal.guardian;

import java.net.InetSocketAddress;

import org.guardianportal.contracts.Topics;
import org.guardianportal.testsupport.CuttableStore;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.micrometer.tracing.test.autoconfigure.AutoConfigureTracing;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import de.bwaldvogel.mongo.MongoServer;

/**
 * The whole service on a random port, against mongo-java-server through the real MongoDB driver and an embedded
 * KRaft broker. Every integration test class extends this one so that they all share one Spring context.
 * Topics have one partition here, so records arrive in the order they were sent and a later "marker" event proves
 * that no event was sent before it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}",
        "guardian.topics.partitions=1",
        "guardian.outbox.relay-after=3s",
        "guardian.outbox.relay-interval=250ms",
        "management.tracing.sampling.probability=1.0"})
@AutoConfigureTracing
@EmbeddedKafka(partitions = 1, topics = {Topics.GUARDIAN_EMAIL_UPDATED, Topics.GUARDIAN_UPDATES, Topics.GUARDIAN_UPDATES_DLT})
public abstract class IntegrationTest {

    /** The store of every integration test; a test that cuts it restores it before it ends. */
    protected static final CuttableStore STORE = new CuttableStore();
    private static final MongoServer MONGO = startMongo();

    @LocalServerPort
    protected int port;

    @Autowired
    protected EmbeddedKafkaBroker broker;

    @DynamicPropertySource
    static void mongo(DynamicPropertyRegistry registry) {
        InetSocketAddress address = MONGO.getLocalAddress();
        registry.add("spring.mongodb.uri", () -> "mongodb://127.0.0.1:" + address.getPort() + "/guardians");
    }

    protected Api api() {
        return new Api(port);
    }

    protected TopicWatcher watch(String topic) {
        return new TopicWatcher(broker.getBrokersAsString(), topic);
    }

    private static MongoServer startMongo() {
        MongoServer server = new MongoServer(STORE);
        server.bind("127.0.0.1", 0);
        Runtime.getRuntime().addShutdownHook(new Thread(server::shutdownNow));
        return server;
    }
}
