package org.guardianportal.benchmark;

import java.security.SecureRandom;
import java.text.Normalizer;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.UUID;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.guardianportal.contracts.CredentialIssued;
import org.guardianportal.contracts.GuardianUpdate;
import org.guardianportal.contracts.Topics;
import org.guardianportal.secret.DeliveryKeys;
import org.guardianportal.secret.SecretSealer;

/**
 * The data the scenarios start from, fed the way the product receives it from outside: guardian records as a district
 * system publishes them, and issued credentials as credential-service publishes them (sealed with the real delivery key).
 */
final class Seeds {

    static final String SOURCE = "bench";
    /** The seeded messages' batch ids: this, then the batch's number. */
    static final String SEED_BATCH = "seed-";
    static final List<String> FIRST_NAMES = List.of("Camille", "Hugo", "Inès", "Noé", "Léa", "Jules", "Chloé", "Louis",
            "Zoé", "Gabriel", "Manon", "Raphaël", "Emma", "Arthur", "Jade", "Adam", "Louise", "Lucas", "Alice", "Léo");
    static final List<String> LAST_NAMES = List.of("Martin", "Bernard", "Thomas", "Petit", "Robert", "Richard", "Durand",
            "Dubois", "Moreau", "Laurent", "Simon", "Michel", "Lefèvre", "Leroy", "Roux", "David", "Bertrand", "Morel",
            "Fournier", "Girard", "Bonnet", "Dupont", "Lambert", "Fontaine", "Rousseau", "Vincent", "Muller", "Lefebvre",
            "Faure", "André", "Mercier", "Blanc", "Guérin", "Boyer", "Garnier", "Chevalier", "François", "Legrand",
            "Gauthier", "Garcia", "Perrin", "Robin", "Clément", "Morin", "Nicolas", "Henry", "Roussel", "Mathieu",
            "Gautier", "Masson");

    private Seeds() {
    }

    static Properties producerProperties(String bootstrapServers) {
        Properties properties = new Properties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        properties.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        properties.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        properties.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        return properties;
    }

    static String firstName(int i) {
        return FIRST_NAMES.get(i % FIRST_NAMES.size());
    }

    static String lastName(int i) {
        return LAST_NAMES.get((i / FIRST_NAMES.size()) % LAST_NAMES.size());
    }

    /** {@code n} guardians without email on {@code guardian.updates.v1}, externalIds g0..g(n-1) of source "bench". */
    static void publishGuardians(String bootstrapServers, int n) {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerProperties(bootstrapServers))) {
            for (int i = 0; i < n; i++) {
                GuardianUpdate update = new GuardianUpdate(SOURCE, "g" + i, firstName(i), lastName(i), null);
                producer.send(new ProducerRecord<>(Topics.GUARDIAN_UPDATES, SOURCE + ":g" + i,
                        Gateway.JSON.writeValueAsString(update)));
            }
            producer.flush();
        }
    }

    static String seedBatch(int index, int batchSize) {
        return SEED_BATCH + (index / batchSize);
    }

    static String seedRecipient(int i) {
        return "s" + i + "@seed.bench.example.org";
    }

    /**
     * {@code m} {@code credential.issued.v1} events, as credential-service produces them: a fresh random password sealed
     * with the launcher's delivery key, bound to the guardian. Batches of {@code batchSize}: seed-0, seed-1, ...
     */
    static void publishIssuedCredentials(String bootstrapServers, String deliveryKeys, int m, int batchSize) {
        SecretSealer sealer = new SecretSealer(DeliveryKeys.parse(deliveryKeys));
        SecureRandom random = new SecureRandom();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerProperties(bootstrapServers))) {
            for (int i = 0; i < m; i++) {
                String guardianId = new UUID(0x5eed_0000_0000_0000L, i).toString();
                StringBuilder password = new StringBuilder();
                for (int c = 0; c < 14; c++) {
                    password.append((char) ('a' + random.nextInt(26)));
                }
                CredentialIssued event = new CredentialIssued(UUID.randomUUID(), now, guardianId,
                        seedBatch(i, batchSize), "admin", seedRecipient(i), firstName(i), lastName(i), "fr",
                        now.plus(30, ChronoUnit.DAYS), sealer.seal(password.toString(), guardianId));
                producer.send(new ProducerRecord<>(Topics.CREDENTIAL_ISSUED, guardianId,
                        Gateway.JSON.writeValueAsString(event)));
            }
            producer.flush();
        }
    }

    /** A body of the size of the product's French mail, for the SMTP limit. */
    static String mailBody(String login) {
        return "Bonjour,\n\nUn mot de passe temporaire a été créé pour votre accès au Portail Famille.\n\n"
                + "Identifiant : " + login + "\nMot de passe temporaire : Xq7hT2mPa9kZrW\n\n"
                + "Connectez-vous sur http://localhost:8080/ et choisissez votre propre mot de passe à la première"
                + " connexion. Ce mot de passe temporaire expire le 27/12/2026.\n\n"
                + "Si vous n'êtes pas à l'origine de cette demande, contactez l'établissement.\n\n"
                + "Le service informatique du district\n";
    }

    /** The words a search matches, normalised as notification-service's SearchWords does (lower case, no accents). */
    static List<String> words(String text) {
        String plain = Normalizer.normalize(text, Normalizer.Form.NFD).replaceAll("\\p{M}+", "");
        return Arrays.stream(plain.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+"))
                .filter(word -> !word.isEmpty()).distinct().toList();
    }
}
