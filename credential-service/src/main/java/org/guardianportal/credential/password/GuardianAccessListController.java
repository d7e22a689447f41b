package org.guardianportal.credential.password;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.guardianportal.web.BrokenRule;
import org.guardianportal.web.InvalidRequestException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Many guardians' portal access in one call: one page of the admin UI's guardians table. */
@RestController
class GuardianAccessListController {

    static final int MAX_IDS = 500;

    private final GuardianAccess access;

    GuardianAccessListController(GuardianAccess access) {
        this.access = access;
    }

    /** Guardians unknown here are left out, so a missing id means "not yet known to this service". */
    @GetMapping("/api/credentials/guardians")
    List<GuardianAccess.CredentialView> statuses(@RequestParam(defaultValue = "") String ids) {
        List<String> wanted = Arrays.stream(ids.split(","))
                .map(String::trim)
                .filter(id -> !id.isEmpty())
                .distinct()
                .toList();
        if (wanted.isEmpty()) {
            throw new InvalidRequestException(new BrokenRule("ids", "access.noId"));
        }
        if (wanted.size() > MAX_IDS) {
            throw new InvalidRequestException(new BrokenRule("ids", "access.tooManyIds", MAX_IDS, wanted.size()));
        }
        return wanted.stream().map(access::statusOf).flatMap(Optional::stream).toList();
    }
}
