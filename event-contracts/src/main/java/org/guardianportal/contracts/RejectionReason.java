package org.guardianportal.contracts;

/** Why a guardian cannot receive a password. */
public enum RejectionReason {
    NO_EMAIL,
    UNKNOWN_GUARDIAN
}
