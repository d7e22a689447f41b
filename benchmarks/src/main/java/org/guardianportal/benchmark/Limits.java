package org.guardianportal.benchmark;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.bson.Document;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.InsertManyOptions;

import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

/** The machine's own limits, each doing only the scenario's unavoidable work, against the same running components. */
final class Limits {

    static final String LIMIT_TOPIC = "benchmark.limit.v1";
    /** The store's database of the limits' own documents. */
    static final String DATABASE = "benchmark-limits";
    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

    private Limits() {
    }

    /** B1: hashes {@code n} temporary passwords with credential-service's encoder (the delegating one, bcrypt 10), on every core. */
    static double hashPasswords(int n) throws Exception {
        PasswordEncoder encoder = PasswordEncoderFactories.createDelegatingPasswordEncoder();
        SecureRandom random = new SecureRandom();
        List<String> passwords = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            StringBuilder password = new StringBuilder();
            for (int c = 0; c < 14; c++) {
                password.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
            }
            passwords.add(password.toString());
        }
        int cores = Runtime.getRuntime().availableProcessors();
        ExecutorService pool = Executors.newFixedThreadPool(cores);
        try {
            long start = System.nanoTime();
            List<Future<String>> hashes = new ArrayList<>();
            for (String password : passwords) {
                hashes.add(pool.submit(() -> encoder.encode(password)));
            }
            for (Future<String> hash : hashes) {
                if (!hash.get().startsWith("{bcrypt}")) {
                    throw new IllegalStateException("not a bcrypt hash");
                }
            }
            return seconds(start);
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * B2: writes {@code n} documents the size of a projection entry in one unordered bulk write to the same store,
     * then produces {@code n} records the size of a {@code guardian.email-updated.v1} event to the same broker.
     */
    static double writeAndProduce(MongoClient mongo, String bootstrapServers, int n, int partitions) throws Exception {
        MongoCollection<Document> documents = mongo.getDatabase(DATABASE).getCollection("documents");
        documents.drop();
        List<Document> batch = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            batch.add(new Document("_id", "0f6c0c1e-5d1e-4a53-9a77-" + String.format("%012d", i))
                    .append("firstName", "Camille").append("lastName", "Lefèvre-" + i)
                    .append("email", "g" + i + "@limit.bench.example.org").append("locale", "fr")
                    .append("lastOccurredAt", Date.from(Instant.now())));
        }
        String record = Gateway.JSON.writeValueAsString(java.util.Map.of(
                "eventId", "3b241101-e2bb-4255-8caf-4136c566a962", "occurredAt", Instant.now().toString(),
                "guardianId", "0f6c0c1e-5d1e-4a53-9a77-000000000000", "firstName", "Camille", "lastName", "Lefèvre",
                "email", "g0@limit.bench.example.org", "previousEmail", "g0@old.bench.example.org",
                "origin", "ADMIN", "actor", "admin"));
        ensureTopic(bootstrapServers, partitions);

        long start = System.nanoTime();
        documents.insertMany(batch, new InsertManyOptions().ordered(false));
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Seeds.producerProperties(bootstrapServers))) {
            for (int i = 0; i < n; i++) {
                producer.send(new ProducerRecord<>(LIMIT_TOPIC, "guardian-" + i, record));
            }
            producer.flush();
        }
        double seconds = seconds(start);
        if (documents.countDocuments() != n) {
            throw new IllegalStateException("the store holds " + documents.countDocuments() + " documents, not " + n);
        }
        return seconds;
    }

    private static void ensureTopic(String bootstrapServers, int partitions) throws Exception {
        Properties properties = new Properties();
        properties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        try (Admin admin = Admin.create(properties)) {
            if (!admin.listTopics().names().get().contains(LIMIT_TOPIC)) {
                admin.createTopics(List.of(new NewTopic(LIMIT_TOPIC, partitions, (short) 1))).all().get();
            }
        }
    }

    /**
     * B4: sends {@code m} messages like the product's, with Jakarta Mail, over one connection to the same SMTP server.
     * Jakarta Mail is told its stream provider, as notification-service tells it: otherwise it looks for it again, by a
     * ServiceLoader scan, for every mail it writes (jakartaee/mail-api#861), and the limit would measure that scan.
     */
    static double sendMail(int smtpPort, int m) throws Exception {
        System.setProperty("jakarta.mail.util.StreamProvider", "org.eclipse.angus.mail.util.MailStreamProvider");
        Properties properties = new Properties();
        properties.put("mail.smtp.host", "localhost");
        properties.put("mail.smtp.port", String.valueOf(smtpPort));
        Session session = Session.getInstance(properties);
        long start = System.nanoTime();
        try (Transport transport = session.getTransport("smtp")) {
            transport.connect();
            for (int i = 0; i < m; i++) {
                MimeMessage message = new MimeMessage(session);
                message.setFrom(new InternetAddress("no-reply@portail-famille.local", "Portail Famille"));
                InternetAddress to = new InternetAddress("limit" + i + "@limit.bench.example.org");
                message.setRecipient(Message.RecipientType.TO, to);
                message.setSubject("Votre mot de passe Portail Famille", "UTF-8");
                message.setText(Seeds.mailBody(to.getAddress()), "UTF-8");
                message.saveChanges();
                transport.sendMessage(message, message.getAllRecipients());
            }
        }
        return seconds(start);
    }

    static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}
