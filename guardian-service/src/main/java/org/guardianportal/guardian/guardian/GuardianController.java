package org.guardianportal.guardian.guardian;

import java.net.URI;
import java.time.Instant;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import org.guardianportal.contracts.Headers;
import org.guardianportal.guardian.web.PageView;
import org.guardianportal.guardian.web.Paging;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/guardians")
class GuardianController {

    private final GuardianService guardians;

    GuardianController(GuardianService guardians) {
        this.guardians = guardians;
    }

    @PostMapping
    ResponseEntity<GuardianView> register(@Valid @RequestBody NewGuardian request,
            @RequestHeader(name = Headers.AUTHENTICATED_USER, required = false) String user) {
        ExternalRef ref = request.externalRef() == null ? null
                : new ExternalRef(request.externalRef().source().strip(), request.externalRef().id().strip());
        Guardian guardian = guardians.register(request.firstName(), request.lastName(), request.email(), ref,
                Actor.admin(user));
        return ResponseEntity.created(URI.create("/api/guardians/" + guardian.id())).body(GuardianView.of(guardian));
    }

    @GetMapping("/{id}")
    GuardianView get(@PathVariable String id) {
        return GuardianView.of(guardians.get(id));
    }

    @GetMapping
    PageView<GuardianView> search(@RequestParam(required = false) String q,
            @RequestParam(required = false) Boolean hasEmail,
            @RequestParam(required = false) Integer page,
            @RequestParam(required = false) Integer size) {
        Paging paging = Paging.of(page, size);
        GuardianPage found = guardians.search(q, hasEmail, paging.page(), paging.size());
        return new PageView<>(found.items().stream().map(GuardianView::of).toList(), paging.page(), paging.size(),
                found.total());
    }

    @PutMapping("/{id}/email")
    GuardianView changeEmail(@PathVariable String id, @RequestBody EmailRequest request,
            @RequestHeader(name = Headers.AUTHENTICATED_USER, required = false) String user) {
        return GuardianView.of(guardians.changeEmail(id, request.email(), Actor.admin(user)));
    }

    @DeleteMapping("/{id}/email")
    GuardianView removeEmail(@PathVariable String id,
            @RequestHeader(name = Headers.AUTHENTICATED_USER, required = false) String user) {
        return GuardianView.of(guardians.removeEmail(id, Actor.admin(user)));
    }

    /** Worded in the request's language from {@code ValidationMessages_en.properties} or {@code _fr}. */
    record NewGuardian(
            @NotBlank(message = "{guardian.firstName.required}") @Size(max = 200, message = "{guardian.atMost}")
            String firstName,
            @NotBlank(message = "{guardian.lastName.required}") @Size(max = 200, message = "{guardian.atMost}")
            String lastName,
            String email,
            @Valid ExternalRefBody externalRef) {
    }

    record ExternalRefBody(
            @NotBlank(message = "{guardian.source.required}") @Size(max = 100, message = "{guardian.atMost}")
            String source,
            @NotBlank(message = "{guardian.id.required}") @Size(max = 200, message = "{guardian.atMost}")
            String id) {
    }

    record EmailRequest(String email) {
    }

    record GuardianView(String id, String firstName, String lastName, String email, ExternalRefBody externalRef,
            Instant updatedAt) {

        static GuardianView of(Guardian guardian) {
            ExternalRef ref = guardian.externalRef();
            return new GuardianView(guardian.id(), guardian.firstName(), guardian.lastName(), guardian.email(),
                    ref == null ? null : new ExternalRefBody(ref.source(), ref.id()), guardian.updatedAt());
        }
    }
}
