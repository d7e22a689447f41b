package org.guardianportal.launcher;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;

/**
 * The real Apache Kafka broker (the server classes the Kafka distribution runs), in KRaft combined mode, inside the
 * launcher's JVM. Its log directory is formatted on first start and reused afterwards.
 */
final class KafkaBroker implements AutoCloseable {

    private final KafkaRaftServer server;

    private KafkaBroker(KafkaRaftServer server) {
        this.server = server;
    }

    static KafkaBroker start(Path dataDir, int port, int controllerPort, int defaultPartitions) throws IOException {
        Path logDir = dataDir.resolve("kafka");
        Files.createDirectories(logDir);
        Properties props = new Properties();
        props.put("process.roles", "broker,controller");
        props.put("node.id", "1");
        props.put("controller.quorum.bootstrap.servers", "localhost:" + controllerPort);
        props.put("listeners", "PLAINTEXT://localhost:" + port + ",CONTROLLER://localhost:" + controllerPort);
        props.put("advertised.listeners", "PLAINTEXT://localhost:" + port);
        props.put("controller.listener.names", "CONTROLLER");
        props.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        props.put("log.dirs", logDir.toString());
        props.put("num.partitions", String.valueOf(defaultPartitions));
        props.put("offsets.topic.replication.factor", "1");
        props.put("offsets.topic.num.partitions", "4");
        props.put("transaction.state.log.replication.factor", "1");
        props.put("transaction.state.log.min.isr", "1");
        props.put("share.coordinator.state.topic.replication.factor", "1");
        props.put("share.coordinator.state.topic.min.isr", "1");
        props.put("group.initial.rebalance.delay.ms", "0");
        props.put("auto.create.topics.enable", "false");
        // the log cleaner (it compacts the consumer offsets) allocates this buffer on the heap at start: 128 MB by
        // default, sized for a production broker; 16 MB dedupes about 600,000 keys per pass
        props.put("log.cleaner.dedupe.buffer.size", String.valueOf(16 * 1024 * 1024));

        if (!Files.exists(logDir.resolve("meta.properties"))) {
            format(props, logDir);
        }
        KafkaRaftServer server = new KafkaRaftServer(new KafkaConfig(props, false), Time.SYSTEM);
        server.startup();
        return new KafkaBroker(server);
    }

    private static void format(Properties props, Path logDir) throws IOException {
        Path config = logDir.getParent().resolve("kafka-server.properties");
        try (OutputStream out = Files.newOutputStream(config)) {
            props.store(out, "written by the launcher to format the embedded broker's storage");
        }
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        int status = StorageTool.execute(new String[] {
                "format", "--standalone", "-t", Uuid.randomUuid().toString(), "-c", config.toString()},
                new PrintStream(output, true, StandardCharsets.UTF_8));
        if (status != 0) {
            throw new IllegalStateException("Could not format Kafka's storage in " + logDir + ": "
                    + output.toString(StandardCharsets.UTF_8));
        }
    }

    @Override
    public void close() {
        server.shutdown();
        server.awaitShutdown();
    }
}
