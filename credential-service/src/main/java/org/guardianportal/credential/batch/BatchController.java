package org.guardianportal.credential.batch;

import java.net.URI;

import org.guardianportal.contracts.Headers;
import org.guardianportal.credential.web.PageQuery;
import org.guardianportal.credential.web.PageResponse;
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
@RequestMapping("/api/credentials/batches")
class BatchController {

    private final Batches batches;

    BatchController(Batches batches) {
        this.batches = batches;
    }

    @PostMapping
    ResponseEntity<BatchAccepted> create(@RequestBody BatchRequest request,
            @RequestHeader(name = Headers.AUTHENTICATED_USER, defaultValue = "anonymous") String requestedBy) {
        BatchAccepted accepted = batches.create(request.guardianIds(), requestedBy);
        return ResponseEntity.accepted()
                .location(URI.create("/api/credentials/batches/" + accepted.batchId()))
                .body(accepted);
    }

    @GetMapping("/{batchId}")
    BatchSummary get(@PathVariable String batchId) {
        return batches.summary(batchId);
    }

    @GetMapping
    PageResponse<BatchSummary> list(@RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "50") int size) {
        return batches.list(new PageQuery(page, size));
    }
}
