package org.guardianportal.credential.password;

/**
 * Where a guardian's portal access stands. Only ISSUED (a temporary password) and ACTIVE (a password the guardian
 * chose) are stored; NONE, EXPIRED and LOCKED are read from the dates.
 */
enum CredentialStatus {
    NONE,
    ISSUED,
    ACTIVE,
    EXPIRED,
    LOCKED
}
