package org.guardianportal.credential.password;

import org.guardianportal.credential.web.NotFoundException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

@RestController
class GuardianAccessController {

    private final GuardianAccess access;

    GuardianAccessController(GuardianAccess access) {
        this.access = access;
    }

    @GetMapping("/api/credentials/guardians/{guardianId}")
    GuardianAccess.CredentialView status(@PathVariable String guardianId) {
        return access.statusOf(guardianId)
                .orElseThrow(() -> new NotFoundException("guardian.notFound", guardianId));
    }
}
