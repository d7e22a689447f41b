package org.guardianportal.notification.message;

import org.guardianportal.contracts.Headers;
import org.guardianportal.notification.message.MessageViews.MessageDetail;
import org.guardianportal.notification.message.MessageViews.MessageItem;
import org.guardianportal.notification.message.MessageViews.MessagePage;
import org.guardianportal.notification.message.MessageViews.MessageStats;
import org.guardianportal.notification.message.MessageViews.ReplaysRequest;
import org.guardianportal.notification.message.MessageViews.ReplaysResult;
import org.guardianportal.notification.message.MessageViews.RevealedPassword;
import org.springframework.http.CacheControl;
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

@RestController
@RequestMapping("/api/messages")
class MessageController {

    private static final String ANONYMOUS = "anonymous";

    private final MessageLog messageLog;

    MessageController(MessageLog messageLog) {
        this.messageLog = messageLog;
    }

    @GetMapping
    MessagePage search(@RequestParam(required = false) String q,
            @RequestParam(required = false) String subject,
            @RequestParam(required = false) String recipient,
            @RequestParam(required = false) String status,
            @RequestParam(required = false) String batchId,
            @RequestParam(required = false) String guardianId,
            @RequestParam(required = false) String requestedBy,
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to,
            @RequestParam(required = false) String page,
            @RequestParam(required = false) String size) {
        return messageLog.search(MessageQueryParameters.parse(q, subject, recipient, status, batchId, guardianId,
                requestedBy, from, to, page, size));
    }

    @GetMapping("/stats")
    MessageStats stats(@RequestParam(required = false) String batchId) {
        return messageLog.stats(batchId == null || batchId.isBlank() ? null : batchId);
    }

    @GetMapping("/{id}")
    MessageDetail detail(@PathVariable String id) {
        return messageLog.detail(id);
    }

    @PostMapping("/{id}/reveal")
    ResponseEntity<RevealedPassword> reveal(@PathVariable String id,
            @RequestHeader(name = Headers.AUTHENTICATED_USER, required = false) String user) {
        String by = user == null || user.isBlank() ? ANONYMOUS : user;
        return ResponseEntity.ok()
                .cacheControl(CacheControl.noStore())
                .body(new RevealedPassword(messageLog.reveal(id, by)));
    }

    @PostMapping("/{id}/replay")
    ResponseEntity<MessageItem> replay(@PathVariable String id) {
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(messageLog.replay(id));
    }

    @PostMapping("/replays")
    ResponseEntity<ReplaysResult> replayAll(@RequestBody ReplaysRequest request) {
        long requeued = messageLog.replayAll(MessageQueryParameters.parseReplays(request));
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(new ReplaysResult(requeued));
    }
}
