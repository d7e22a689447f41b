package org.guardianportal.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;

import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

/** The launcher's own infrastructure, driven through the real clients: what it keeps must survive a restart. */
class EmbeddedInfrastructureTest {

    @TempDir
    Path dataDir;

    @Test
    void kafkaBrokerKeepsRecordsAcrossARestart() throws Exception {
        int port = freePort();
        int controllerPort = freePort();
        try (KafkaBroker broker = KafkaBroker.start(dataDir, port, controllerPort, 2)) {
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", "localhost:" + port))) {
                admin.createTopics(List.of(new NewTopic("launcher.check", 2, (short) 1))).all().get();
            }
            try (var producer = new KafkaProducer<>(Map.<String, Object>of("bootstrap.servers", "localhost:" + port),
                    new StringSerializer(), new StringSerializer())) {
                producer.send(new ProducerRecord<>("launcher.check", "guardian-1", "kept")).get();
            }
        }

        try (KafkaBroker restarted = KafkaBroker.start(dataDir, port, controllerPort, 2)) {
            assertThat(readAll("localhost:" + port, "launcher.check")).containsExactly("kept");
        }
    }

    @Test
    void storeKeepsDocumentsAcrossARestart() throws Exception {
        int port = freePort();
        try (MongoStore store = MongoStore.start(dataDir, port);
                MongoClient client = MongoClients.create("mongodb://localhost:" + port)) {
            client.getDatabase("guardians").getCollection("guardians").insertOne(new Document("_id", "g1").append("lastName", "Dupont"));
        }

        try (MongoStore store = MongoStore.start(dataDir, port);
                MongoClient client = MongoClients.create("mongodb://localhost:" + port)) {
            Document found = client.getDatabase("guardians").getCollection("guardians").find().first();
            assertThat(found).isNotNull();
            assertThat(found.getString("lastName")).isEqualTo("Dupont");
        }
    }

    @Test
    void capturedMailIsKeptForTheTestsAndSavedForPeople() throws Exception {
        int port = freePort();
        Path mailDir = dataDir.resolve("mail");
        try (MailCapture mail = MailCapture.start(port, mailDir, true)) {
            sendPasswordMail(port);

            assertThat(mail.receivedMessages()).extracting(MimeMessage::getSubject)
                    .containsExactly("Votre mot de passe Portail Famille");
            try (Stream<Path> files = Files.list(mailDir)) {
                assertThat(files).singleElement().satisfies(file -> {
                    assertThat(file.getFileName().toString()).endsWith("parent@example.org.eml");
                    assertThat(Files.readString(file)).contains("Bonjour");
                });
            }
            // read with the stream provider named, not searched for in every jar for each mail
            assertThat(System.getProperty(MailCapture.STREAM_PROVIDER_PROPERTY)).isEqualTo(MailCapture.STREAM_PROVIDER);
        }
    }

    @Test
    void theLaunchCommandKeepsNoCapturedMailInMemoryAndStillSavesIt() throws Exception {
        int port = freePort();
        Path mailDir = dataDir.resolve("mail");
        try (MailCapture mail = MailCapture.start(port, mailDir, false)) {
            sendPasswordMail(port);
            sendPasswordMail(port);

            assertThat(mail.receivedMessages()).isEmpty();
            try (Stream<Path> files = Files.list(mailDir)) {
                assertThat(files).hasSize(2).allSatisfy(file -> assertThat(Files.readString(file)).contains("Bonjour"));
            }
        }
    }

    private static void sendPasswordMail(int port) throws Exception {
        Properties props = new Properties();
        props.put("mail.smtp.host", "localhost");
        props.put("mail.smtp.port", String.valueOf(port));
        MimeMessage message = new MimeMessage(Session.getInstance(props));
        message.setFrom("portail@ecole.example");
        message.setRecipient(Message.RecipientType.TO, new InternetAddress("parent@example.org"));
        message.setSubject("Votre mot de passe Portail Famille", "UTF-8");
        message.setText("Bonjour", "UTF-8");
        Transport.send(message);
    }

    private static List<String> readAll(String bootstrap, String topic) {
        Map<String, Object> config = Map.of("bootstrap.servers", bootstrap, "group.id", "launcher-check",
                "auto.offset.reset", "earliest");
        List<String> values = new ArrayList<>();
        try (var consumer = new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.currentTimeMillis() + 20_000;
            while (values.isEmpty() && System.currentTimeMillis() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    values.add(record.value());
                }
            }
        }
        return values;
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
