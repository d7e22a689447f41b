package org.guardianportal.credential.password;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The portal's login check and password change. */
@RestController
@RequestMapping("/api/credentials")
class PortalController {

    private static final int MAX_FIELD = 320;

    private final PortalLogin portal;

    PortalController(PortalLogin portal) {
        this.portal = portal;
    }

    record VerifyRequest(
            @NotBlank @Size(max = MAX_FIELD) String login,
            @NotBlank @Size(max = MAX_FIELD) String password) {
    }

    record PasswordChangeRequest(
            @NotBlank @Size(max = MAX_FIELD) String login,
            @NotBlank @Size(max = MAX_FIELD) String currentPassword,
            @NotBlank @Size(max = MAX_FIELD) String newPassword) {
    }

    @PostMapping("/verify")
    PortalLogin.VerifiedLogin verify(@Valid @RequestBody VerifyRequest request) {
        return portal.verify(request.login(), request.password());
    }

    @PostMapping("/password")
    ResponseEntity<Void> changePassword(@Valid @RequestBody PasswordChangeRequest request) {
        portal.changePassword(request.login(), request.currentPassword(), request.newPassword());
        return ResponseEntity.noContent().build();
    }
}
