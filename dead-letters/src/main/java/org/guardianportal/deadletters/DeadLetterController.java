package org.guardianportal.deadletters;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.guardianportal.contracts.Headers;
import org.guardianportal.deadletters.DeadLetter.Redrive;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** A topic's dead letters, for operators ({@link DeadLetterLog}), paged as every list of the API. */
@RestController
@RequestMapping("/api/dead-letters/{topic}")
class DeadLetterController {

    static final int DEFAULT_SIZE = 50;
    static final int MAX_SIZE = 500;
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String MASK = "***";

    private final DeadLetterLog log;
    private final DeadLetterSettings settings;
    private final Optional<ReasonWording> wording;

    DeadLetterController(DeadLetterLog log, DeadLetterSettings settings, ObjectProvider<ReasonWording> wording) {
        this.log = log;
        this.settings = settings;
        this.wording = Optional.ofNullable(wording.getIfAvailable());
    }

    @GetMapping
    PageView list(@PathVariable String topic, @RequestParam(required = false) Boolean redriven,
            @RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size,
            @RequestHeader(name = HttpHeaders.ACCEPT_LANGUAGE, required = false) String language) {
        int p = page == null ? 0 : page;
        int s = size == null ? DEFAULT_SIZE : size;
        if (p < 0) {
            throw new InvalidRequestException("page", "page.negative");
        }
        if (s < 1 || s > MAX_SIZE) {
            throw new InvalidRequestException("size", "page.size", MAX_SIZE);
        }
        DeadLetterLog.Page found = log.page(topic, redriven, p, s);
        return new PageView(found.items().stream().map(letter -> view(letter, language)).toList(), p, s, found.total(),
                settings.retentionDays());
    }

    @GetMapping("/{id}")
    DeadLetterView get(@PathVariable String topic, @PathVariable String id,
            @RequestHeader(name = HttpHeaders.ACCEPT_LANGUAGE, required = false) String language) {
        return view(log.get(topic, id), language);
    }

    @PostMapping("/{id}/redrive")
    ResponseEntity<DeadLetterView> redrive(@PathVariable String topic, @PathVariable String id,
            @RequestHeader(name = Headers.AUTHENTICATED_USER, required = false) String user,
            @RequestHeader(name = HttpHeaders.ACCEPT_LANGUAGE, required = false) String language) {
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(view(log.redrive(topic, id, by(user)), language));
    }

    /**
     * Re-drives every dead letter of the topic never re-driven yet (refused in {@code [from, to)} when given), oldest
     * first: after an outage, all it refused at once.
     */
    @PostMapping("/redrives")
    ResponseEntity<Redriven> redriveAll(@PathVariable String topic, @RequestBody(required = false) Period period,
            @RequestHeader(name = Headers.AUTHENTICATED_USER, required = false) String user) {
        Instant from = period == null ? null : period.from();
        Instant to = period == null ? null : period.to();
        if (from != null && to != null && !from.isBefore(to)) {
            throw new InvalidRequestException("to", "period.order");
        }
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(new Redriven(log.redriveAll(topic, from, to, by(user))));
    }

    record Period(Instant from, Instant to) {
    }

    record Redriven(long redriven) {
    }

    private static String by(String user) {
        return user == null || user.isBlank() ? "anonymous" : user;
    }

    /** A page, and how many days the service keeps a dead letter (null: for good). */
    record PageView(List<DeadLetterView> items, int page, int size, long total, Long retentionDays) {
    }

    /** A dead letter as the API shows it: the record's bytes as text, as they came, its masked fields masked. */
    record DeadLetterView(String id, String topic, String key, String payload, String reason,
            Integer originalPartition, Long originalOffset, Instant deadLetteredAt, String redrivenFrom,
            List<Redrive> redrives) {
    }

    /** The dead letter, its reason in the request's language where the service can word it so. */
    private DeadLetterView view(DeadLetter letter, String language) {
        String reason = Optional.ofNullable(letter.reasonKey())
                .flatMap(key -> wording.flatMap(words -> words.word(key, language)))
                .orElse(letter.reason());
        return new DeadLetterView(letter.position(), letter.topic(), letter.key(), payload(letter.payload()),
                reason, letter.originalPartition(), letter.originalOffset(), letter.deadLetteredAt(),
                letter.redrivenFrom(), letter.redrives() == null ? List.of() : letter.redrives());
    }

    /** The bytes as text; in a JSON object, each masked field's value replaced (a record that is no JSON is shown whole). */
    private String payload(byte[] bytes) {
        if (bytes == null) {
            return null;
        }
        String text = new String(bytes, StandardCharsets.UTF_8);
        if (settings.maskedFields().isEmpty()) {
            return text;
        }
        JsonNode json;
        try {
            json = JSON.readTree(text);
        } catch (RuntimeException notJson) {
            return text;
        }
        if (!(json instanceof ObjectNode object) || settings.maskedFields().stream().noneMatch(object::has)) {
            return text;
        }
        settings.maskedFields().stream().filter(object::has).forEach(field -> object.put(field, MASK));
        return JSON.writeValueAsString(object);
    }
}
