package org.guardianportal.guardian.deadletter;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import org.guardianportal.contracts.Headers;
import org.guardianportal.contracts.Topics;
import org.guardianportal.guardian.deadletter.DeadLetter.Redrive;
import org.guardianportal.guardian.web.PageView;
import org.guardianportal.guardian.web.Paging;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The dead letters of {@code guardian.updates.v1}, for operators ({@link DeadLetterLog}). */
@RestController
@RequestMapping("/api/dead-letters/" + Topics.GUARDIAN_UPDATES)
class DeadLetterController {

    private final DeadLetterLog log;

    DeadLetterController(DeadLetterLog log) {
        this.log = log;
    }

    @GetMapping
    PageView<DeadLetterView> list(@RequestParam(required = false) Integer page,
            @RequestParam(required = false) Integer size) {
        Paging paging = Paging.of(page, size);
        DeadLetterLog.Page found = log.page(paging.page(), paging.size());
        return new PageView<>(found.items().stream().map(DeadLetterView::of).toList(), paging.page(), paging.size(),
                found.total());
    }

    @GetMapping("/{id}")
    DeadLetterView get(@PathVariable String id) {
        return DeadLetterView.of(log.get(id));
    }

    @PostMapping("/{id}/redrive")
    ResponseEntity<DeadLetterView> redrive(@PathVariable String id,
            @RequestHeader(name = Headers.AUTHENTICATED_USER, required = false) String user) {
        String by = user == null || user.isBlank() ? "anonymous" : user;
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(DeadLetterView.of(log.redrive(id, by)));
    }

    /** A dead letter as the API shows it: the record's bytes as text, as the district sent them. */
    record DeadLetterView(String id, String topic, String key, String payload, String reason,
            Integer originalPartition, Long originalOffset, Instant deadLetteredAt, String redrivenFrom,
            List<Redrive> redrives) {

        static DeadLetterView of(DeadLetter letter) {
            return new DeadLetterView(letter.id(), Topics.GUARDIAN_UPDATES, letter.key(),
                    letter.payload() == null ? null : new String(letter.payload(), StandardCharsets.UTF_8),
                    letter.reason(), letter.originalPartition(), letter.originalOffset(), letter.deadLetteredAt(),
                    letter.redrivenFrom(), letter.redrives() == null ? List.of() : letter.redrives());
        }
    }
}
