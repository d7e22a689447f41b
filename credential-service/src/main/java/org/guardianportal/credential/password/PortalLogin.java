package org.guardianportal.credential.password;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.guardianportal.credential.CredentialSettings;
import org.guardianportal.credential.eligibility.Eligibility;
import org.guardianportal.credential.eligibility.EligibilityProjection;
import org.guardianportal.web.BrokenRule;
import org.guardianportal.web.InvalidRequestException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;

/**
 * Guardians logging in to the portal with their email and password, and choosing their own password. Several
 * guardians may share an email: each of their credentials is tried. Failures in a row lock a credential.
 */
@Service
class PortalLogin {

    private final EligibilityProjection eligibility;
    private final CredentialStore store;
    private final PasswordEncoder encoder;
    private final CredentialSettings.Lockout lockout;
    private final Clock clock;
    /** Compared against when the login is unknown, so an unknown login takes as long as a wrong password. */
    private final String decoyHash;

    PortalLogin(EligibilityProjection eligibility, CredentialStore store, PasswordEncoder encoder,
            CredentialSettings settings, Clock clock) {
        this.eligibility = eligibility;
        this.store = store;
        this.encoder = encoder;
        this.lockout = settings.lockout();
        this.clock = clock;
        this.decoyHash = encoder.encode("decoy password never issued");
    }

    record VerifiedLogin(String guardianId, boolean mustChangePassword) {
    }

    VerifiedLogin verify(String login, String password) {
        Credential credential = authenticate(login, password);
        return new VerifiedLogin(credential.guardianId(), credential.mustChangePassword());
    }

    /** Replaces the password after checking the new one against the policy and the current one against the store. */
    void changePassword(String login, String currentPassword, String newPassword) {
        List<BrokenRule> broken = PasswordPolicy.violations(login, currentPassword, newPassword);
        if (!broken.isEmpty()) {
            throw new InvalidRequestException(broken, "password.weak");
        }
        Credential credential = authenticate(login, currentPassword);
        if (!store.replacePassword(credential.guardianId(), credential.passwordHash(), encoder.encode(newPassword),
                clock.instant())) {
            throw LoginRefusedException.wrongCredentials();
        }
    }

    private Credential authenticate(String login, String password) {
        Instant now = clock.instant();
        List<String> guardianIds = eligibility.findByEmail(login).stream().map(Eligibility::guardianId).toList();
        List<Credential> candidates = guardianIds.isEmpty() ? List.of() : store.findAll(guardianIds);
        if (candidates.isEmpty()) {
            encoder.matches(password, decoyHash);
            throw LoginRefusedException.wrongCredentials();
        }
        List<Credential> tried = new ArrayList<>();
        List<Instant> locks = new ArrayList<>();
        for (Credential candidate : candidates) {
            if (candidate.isLocked(now)) {
                locks.add(candidate.lockedUntil());
            } else if (encoder.matches(password, candidate.passwordHash())) {
                return accept(candidate, now);
            } else {
                tried.add(candidate);
            }
        }
        Instant lockUntil = now.plus(lockout.duration());
        for (Credential candidate : tried) {
            store.recordFailure(candidate.guardianId(), lockout.maxFailures(), lockUntil).ifPresent(locks::add);
        }
        if (locks.size() == candidates.size()) {
            throw new CredentialLockedException(locks.stream().min(Comparator.naturalOrder()).orElseThrow());
        }
        throw LoginRefusedException.wrongCredentials();
    }

    private Credential accept(Credential credential, Instant now) {
        if (credential.isExpired(now)) {
            throw LoginRefusedException.expired();
        }
        if (credential.failedAttempts() > 0) {
            store.clearFailures(credential.guardianId());
        }
        return credential;
    }
}
