package org.guardianportal.notification.intake;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;

import org.guardianportal.contracts.CredentialIssued;
import org.guardianportal.contracts.SealedSecret;

/** What an issued credential needs to become a mail: an id, a guardian, an address and a complete sealed secret. */
final class IssuedEventRules {

    private IssuedEventRules() {
    }

    static void check(CredentialIssued issued) {
        if (issued.eventId() == null) {
            throw new InvalidIssuedEvent("eventId is missing");
        }
        if (isBlank(issued.guardianId())) {
            throw new InvalidIssuedEvent("guardianId is missing");
        }
        if (isBlank(issued.email())) {
            throw new InvalidIssuedEvent("email is missing");
        }
        try {
            new InternetAddress(issued.email().trim(), true);
        } catch (AddressException e) {
            throw new InvalidIssuedEvent("email '" + issued.email() + "' is not a mail address");
        }
        SealedSecret secret = issued.secret();
        if (secret == null || isBlank(secret.keyId()) || isBlank(secret.iv()) || isBlank(secret.ciphertext())) {
            throw new InvalidIssuedEvent("secret is missing or incomplete (keyId, iv and ciphertext are required)");
        }
        if (!SealedSecret.A256GCM.equals(secret.alg())) {
            throw new InvalidIssuedEvent("secret algorithm '" + secret.alg() + "' is not supported, expected "
                    + SealedSecret.A256GCM);
        }
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
